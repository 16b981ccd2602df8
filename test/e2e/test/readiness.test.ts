// /readyz follows NATS and the database going away and coming back; SIGTERM stops the service cleanly.
import t from 'tap';
import { freePort, startEmbeddedDatabase, startNatsServer, spawnService, waitForStatus } from '@ledarsteg/testing';

t.test('readiness flips with NATS and the database, and SIGTERM exits cleanly', async (t) => {
  const nats = await startNatsServer({ t });
  const dbPort = await freePort();
  let db = await startEmbeddedDatabase({ port: dbPort });
  t.teardown(() => db.stop());
  const port = await freePort();
  const proc = spawnService('analyser', {
    NATS_URL: nats.url,
    MONGO_URL: `${db.url}/readiness`,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
  });
  t.teardown(() => proc.stop('SIGKILL'));
  const ready = `http://127.0.0.1:${port}/readyz`;
  await waitForStatus(ready, 200);
  t.pass('ready once NATS and the database answer');
  t.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);

  await nats.pause();
  await waitForStatus(ready, 503);
  const body = await (await fetch(ready)).json();
  t.match(body, { checks: { nats: false, database: true } }, 'NATS down → 503 naming NATS only');
  await nats.restart();
  await waitForStatus(ready, 200);
  t.pass('NATS back → 200');

  await db.stop();
  await waitForStatus(ready, 503);
  t.match(await (await fetch(ready)).json(), { checks: { database: false } }, 'database down → 503 naming the database');
  db = await startEmbeddedDatabase({ port: dbPort });
  await waitForStatus(ready, 200);
  t.pass('database back → 200');
  t.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200, 'alive throughout');

  const code = await proc.stop('SIGTERM');
  t.equal(code, 0, 'SIGTERM: in-flight work finishes, NATS drains, the database closes, exit 0');
  t.match(proc.output(), /shutting down/);
  t.match(proc.output(), /stopped/);
});
