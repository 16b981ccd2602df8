// Regenerates the committed localhost certificate the local fakes serve: `npx tsx libs/provider-fakes/src/microsoft/make-certs.ts`.
//
// Why a private key is committed: it only ever protects a fake server bound to 127.0.0.1 in tests and the
// local demo. The certificate is self-signed (it is its own CA, `cA: true`) and valid for `localhost` and
// 127.0.0.1 only, so trusting it through NODE_EXTRA_CA_CERTS lets nothing but these fakes impersonate a host.
// Never reuse it for anything reachable from outside the machine.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generate } from 'selfsigned';

const TWENTY_YEARS_IN_DAYS = 20 * 365;

export function makeLocalhostCertificate(): { cert: string; key: string } {
  const pems = generate([{ name: 'commonName', value: 'localhost' }, { name: 'organizationName', value: 'LedarSteg local fakes' }], {
    days: TWENTY_YEARS_IN_DAYS,
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { cert, key } = makeLocalhostCertificate();
  const dir = new URL('../../certs/', import.meta.url);
  writeFileSync(new URL('localhost-ca.pem', dir), cert);
  writeFileSync(new URL('localhost-key.pem', dir), key);
  process.stdout.write(`wrote ${fileURLToPath(dir)}localhost-{ca,key}.pem\n`);
}
