// `npm run demo`: from a fresh clone, installs what is missing and runs the whole system on its embedded defaults.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureInstalled, hasCommand, root } from './prepare.mjs';

ensureInstalled();
if (!process.env.NATS_URL && !hasCommand('nats-server')) {
  console.error('The demo needs nats-server on PATH (Debian: apt-get install -y nats-server) or NATS_URL pointing at a NATS server with JetStream.');
  process.exit(1);
}
const child = spawn(process.execPath, ['--conditions=ledarsteg-source', '--import', 'tsx', join(root, 'deploy', 'local', 'demo.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_EXTRA_CA_CERTS: join(root, 'libs', 'provider-fakes', 'certs', 'localhost-ca.pem') },
});
// Ctrl-C reaches the child through the terminal; the launcher only waits for it.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code) => process.exit(code ?? 0));
