// `npm start`: installs what is missing, then runs the services against your NATS_URL and MONGO_URL.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureInstalled, root } from './prepare.mjs';

ensureInstalled();
const child = spawn(process.execPath, ['--conditions=ledarsteg-source', '--import', 'tsx', join(root, 'deploy', 'local', 'start.ts')], { cwd: root, stdio: 'inherit' });
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code) => process.exit(code ?? 0));
