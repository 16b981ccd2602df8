// Loads the TLS certificate and key the Microsoft fake serves by default (committed fixtures, see make-certs.ts).
import { readFileSync } from 'node:fs';

export interface TlsMaterial {
  cert: string;
  key: string;
}

/**
 * The committed localhost certificate. Its private key is in the repository on purpose: it only secures
 * a fake bound to 127.0.0.1 during tests and the demo (see make-certs.ts for how to regenerate it).
 */
export function defaultTlsMaterial(): TlsMaterial {
  const dir = new URL('../../certs/', import.meta.url);
  return {
    cert: readFileSync(new URL('localhost-ca.pem', dir), 'utf8'),
    key: readFileSync(new URL('localhost-key.pem', dir), 'utf8'),
  };
}

/** Path of the certificate tests pass to NODE_EXTRA_CA_CERTS. */
export const localhostCaPath: string = new URL('../../certs/localhost-ca.pem', import.meta.url).pathname;
