// The Fastify plugin: decorators work end to end, readiness follows the connection, and only owned connections close.
import { Streams } from '@ledarsteg/contracts';
import Fastify from 'fastify';
import t, { type Test } from 'tap';
import { startNatsServer } from '@ledarsteg/testing';
import { messaging } from '../src/index.js';
import { captureLogger, connectTo, deferred, syncConsumer, syncRequested, uniquePrefix, waitFor } from './fixtures/nats.js';

const server = await startNatsServer({ t });
const base = 'plug';

async function start(t: Test, opts: Partial<Parameters<typeof messaging>[1]> = {}) {
  const captured = captureLogger();
  const instance = Fastify({ logger: false });
  t.teardown(() => instance.close());
  await instance.register(messaging, {
    name: 'test-service',
    prefix: uniquePrefix(base),
    streams: [Streams.calendar],
    logger: captured.logger,
    ...(opts.nc ? {} : { servers: server.url, reconnect: { timeWaitMs: 100, jitterMs: 0 } }),
    ...opts,
  });
  await instance.ready();
  return { a: instance, logs: captured.lines };
}

t.test('publish and consume through the decorators; close stops consumers before draining', async (t) => {
  const { a } = await start(t);
  const release = deferred();
  const started = deferred();
  const seen: string[] = [];
  const consumer = await a.messaging.consume(syncConsumer(), async (env) => {
    started.resolve();
    await release.promise;
    seen.push(env.data.connectionId);
  });
  const sent = await a.publish('calendar.sync.requested.v1', syncRequested('via-plugin'));
  t.equal(sent.stream, `${a.messaging.prefix}_CALENDAR`);
  await started.promise;

  const closing = a.close();
  release.resolve();
  await closing;
  t.same(seen, ['via-plugin'], 'the in-flight handler finished during close');
  t.match(consumer.stats, { processed: 1, inFlight: 0 }, 'and was acked before the connection drained');
  t.ok(a.nats.isClosed(), 'the plugin closed the connection it opened');
  t.notOk(a.messaging.isReady());
});

t.test('dead letters go to a DEADLETTER stream the plugin adds itself', async (t) => {
  const { a } = await start(t);
  const consumer = await a.messaging.consume(syncConsumer({ durable: 'dl' }), () => {
    throw new Error('boom');
  }, { service: 'override' });
  // maxDeliver 5 with the fixture's short backoff: the last failure is filed, not dropped.
  await a.publish('calendar.sync.requested.v1', syncRequested());
  await waitFor('dead-lettered', () => consumer.stats.deadLettered === 1);
  t.equal(consumer.stats.failed, 5);
});

t.test('isReady turns false while NATS is gone and true after it comes back', async (t) => {
  const { a, logs } = await start(t);
  t.ok(a.messaging.isReady(), 'ready once connected');

  const observed = new Set<boolean>();
  const sampler = setInterval(() => observed.add(a.messaging.isReady()), 5);
  try {
    await server.restart();
    await waitFor('reconnected', () => a.messaging.isReady());
  } finally {
    clearInterval(sampler);
  }
  t.ok(observed.has(false), 'reported not ready during the outage');
  t.ok(a.messaging.isReady(), 'ready again after the restart');
  const events = logs.map((l) => l['event']);
  t.ok(events.includes('disconnect') && events.includes('reconnect'), 'the outage is logged as structured events');
  const sent = await a.publish('calendar.sync.requested.v1', syncRequested());
  t.equal(sent.duplicate, false, 'publishing works again; the stream survived the restart');
});

t.test('an injected connection is used but never closed by the plugin', async (t) => {
  const nc = await connectTo(t, server.url);
  const { a } = await start(t, { nc });
  t.equal(a.nats, nc);
  await a.publish('calendar.sync.requested.v1', syncRequested());
  await a.close();
  t.notOk(nc.isClosed(), 'still open after app.close()');
  t.notOk(nc.isDraining());
  await nc.flush();
});

t.test('options are validated', async (t) => {
  const nc = await connectTo(t, server.url);
  const bad = Fastify({ logger: false });
  t.teardown(() => bad.close());
  await t.rejects(
    async () => {
      await bad.register(messaging, { name: 'x', nc, servers: server.url, streams: [] });
    },
    { code: 'MSG_ERR_INVALID_OPTIONS' },
  );
  const bad2 = Fastify({ logger: false });
  t.teardown(() => bad2.close());
  await t.rejects(
    async () => {
      await bad2.register(messaging, { name: 'x', servers: server.url, streams: [], prefix: 'a.b' });
    },
    { code: 'MSG_ERR_INVALID_PREFIX' },
  );
});

t.test('ping makes a round trip: a frozen server fails it within its deadline while isReady still says yes', async (t) => {
  const { a } = await start(t);
  t.equal(await a.messaging.ping(1_000), true, 'a running server answers');
  await server.freeze();
  try {
    t.equal(await a.messaging.ping(300), false, 'a hung server does not answer within 300 ms');
    t.ok(a.messaging.isReady(), "the client's own state alone would still say ready");
  } finally {
    server.thaw();
  }
  await waitFor('answers again', () => a.messaging.ping(1_000));
  t.pass('answers again once the server runs');
  await a.close();
  t.equal(await a.messaging.ping(1_000), false, 'a closed connection fails at once');
});
