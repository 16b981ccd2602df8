// Proves the per-test nats-server starter: JetStream up, clean stop, restart on the same port and store, clear failures.
import { access, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import t from 'tap';
import { natsForTest, startNatsServer } from '../src/nats-server.js';

function greeting(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('error', reject);
    socket.once('data', (chunk) => {
      socket.destroy();
      resolve(chunk.toString('utf8'));
    });
  });
}

const exists = (path: string) => access(path).then(
  () => true,
  () => false,
);

t.test('starts a JetStream-enabled server on 127.0.0.1 and stop() removes it and its store', async (t) => {
  const server = await startNatsServer();
  t.match(server.url, /^nats:\/\/127\.0\.0\.1:\d+$/);
  const info = await greeting(server.port);
  t.match(info, /^INFO /);
  t.match(info, /"jetstream":true/);
  t.ok(await exists(server.storeDir), 'store directory exists while running');
  await server.stop();
  await t.rejects(greeting(server.port), 'no longer accepts connections');
  t.notOk(await exists(server.storeDir), 'store directory removed');
  await server.stop();
  t.pass('a second stop() is harmless');
});

t.test('restart() comes back on the same port with the same store directory', async (t) => {
  const server = await startNatsServer({ t });
  const marker = join(server.storeDir, 'marker');
  await writeFile(marker, 'kept');
  await server.restart();
  t.match(await greeting(server.port), /"jetstream":true/);
  t.ok(await exists(marker), 'store directory survived the restart');
});

t.test('registers stop() with the given teardown', async (t) => {
  let teardown: (() => unknown) | undefined;
  const server = await startNatsServer({ t: { teardown: (fn) => (teardown = fn) } });
  t.type(teardown, 'function');
  await teardown?.();
  await t.rejects(greeting(server.port));
  t.notOk(await exists(server.storeDir));
});

t.test('a binary that cannot start fails with a clear error', async (t) => {
  await t.rejects(startNatsServer({ binary: '/nonexistent/nats-server', startTimeoutMs: 2_000 }), {
    message: /could not spawn \/nonexistent\/nats-server/,
  });
});

t.test("a server that exits early reports its stderr", async (t) => {
  // `false` exits at once with status 1: the starter must notice the exit, not wait for its timeout.
  await t.rejects(startNatsServer({ binary: '/bin/false', startTimeoutMs: 30_000 }), {
    message: /exited with 1[\s\S]*server stderr/,
  });
});

t.test('natsForTest spawns its own server unless NATS_URL is set', async (t) => {
  const saved = process.env['NATS_URL'];
  t.teardown(() => {
    if (saved === undefined) delete process.env['NATS_URL'];
    else process.env['NATS_URL'] = saved;
  });

  delete process.env['NATS_URL'];
  const own = await natsForTest(t);
  t.ok(own.server, 'started a private server');
  t.equal(own.url, own.server?.url);
  t.match(await greeting(own.server?.port ?? 0), /^INFO /);

  process.env['NATS_URL'] = 'nats://127.0.0.1:4222';
  const a = await natsForTest(t);
  const b = await natsForTest(t);
  t.equal(a.url, 'nats://127.0.0.1:4222');
  t.equal(a.server, undefined, 'no server spawned for a shared URL');
  t.match(a.prefix, /^t[0-9a-f]{10}$/);
  t.not(a.prefix, b.prefix, 'each test gets its own name prefix');
});
