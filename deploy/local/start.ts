// `npm start`: the four services against the configured NATS_URL and MONGO_URL, until Ctrl-C.
import { DEFAULT_PORTS, startStack } from './stack.js';

for (const name of ['NATS_URL', 'MONGO_URL']) {
  if (!process.env[name]) {
    console.error(`${name} is not set. npm start runs the services against your own NATS and MongoDB; use npm run demo for the embedded ones.`);
    process.exit(78);
  }
}
const passThrough = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => typeof e[1] === 'string'));
const stack = await startStack((name) => ({ ...passThrough, PORT: process.env[`${name.toUpperCase().replace('-', '_')}_PORT`] ?? String(DEFAULT_PORTS[name]) }), { echo: true });
console.log('\nLedarSteg is running:');
for (const [name, url] of Object.entries(stack.urls)) console.log(`  ${name.padEnd(14)} ${url}`);
let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
