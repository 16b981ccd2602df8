// `npm start`: the four services against the configured NATS_URL and MONGO_URL, until Ctrl-C.
import { serviceDatabaseUrl } from './service-databases.js';
import { portOf, startStack } from './stack.js';

for (const name of ['NATS_URL', 'MONGO_URL']) {
  if (!process.env[name]) {
    console.error(`${name} is not set. npm start runs the services against your own NATS and MongoDB; use npm run demo for the embedded ones.`);
    process.exit(78);
  }
}
const passThrough = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => typeof e[1] === 'string'));
const stack = await startStack(
  (name) => {
    const prefix = name.toUpperCase().replace('-', '_');
    return {
      ...passThrough,
      // Each service its own database: <SERVICE>_MONGO_URL, else ledarsteg_<service> on the MONGO_URL server.
      MONGO_URL: process.env[`${prefix}_MONGO_URL`] ?? serviceDatabaseUrl(process.env['MONGO_URL'] as string, name),
      PORT: String(portOf(name)),
    };
  },
  { echo: true },
);
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
