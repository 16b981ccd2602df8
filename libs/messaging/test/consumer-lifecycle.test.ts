// Consumer lifecycle: a crash before ack is redelivered, stop() finishes in-flight work, long work is kept alive.
import { jetstreamManager } from '@nats-io/jetstream';
import t from 'tap';
import { startConsumer } from '../src/index.js';
import {
  connectTo,
  deferred,
  natsServer,
  type syncConsumer,
  syncRequested,
  syncTopology,
  waitFor,
} from './fixtures/nats.js';

const server = await natsServer(t);
const nc = await connectTo(t, server.url);

const setup = (overrides: Parameters<typeof syncConsumer>[0] = {}) => syncTopology(nc, server.prefix, overrides);

async function consumerInfo(prefix: string, durable: string) {
  const jsm = await jetstreamManager(nc);
  return jsm.consumers.info(`${prefix}_CALENDAR`, `${prefix}_${durable}`);
}

t.test('a crash before ack is redelivered to a new instance after ack_wait', async (t) => {
  const { prefix, def, logger, publish } = await setup({ ackWaitMs: 1_000 });
  const crashing = await connectTo(t, server.url);
  const started = deferred();
  const never = deferred();
  t.teardown(() => never.resolve());
  await startConsumer(
    crashing,
    def,
    async () => {
      started.resolve();
      await never.promise;
    },
    { logger, prefix, service: 'test' },
  );
  const sent = await publish('calendar.sync.requested.v1', syncRequested());
  await started.promise;
  // The process "dies": the socket goes away with the message neither acked nor nak'ed.
  await crashing.close();

  const redelivered: Array<{ id: string; deliveryCount: number }> = [];
  const survivor = await startConsumer(
    nc,
    def,
    (env, ctx) => void redelivered.push({ id: env.id, deliveryCount: ctx.deliveryCount }),
    { logger, prefix, service: 'test' },
  );
  t.teardown(() => survivor.stop());
  await waitFor('redelivered and acked', () => survivor.stats.processed === 1);
  t.same(redelivered, [{ id: sent.envelope.id, deliveryCount: 2 }]);
  await waitFor('ack recorded', async () => (await consumerInfo(prefix, def.durable)).num_ack_pending === 0);
});

t.test('stop() lets the running handler finish and ack, and pulls nothing new', async (t) => {
  const { prefix, def, logger, publish } = await setup();
  const started = deferred();
  const release = deferred();
  const handled: string[] = [];
  const consumer = await startConsumer(
    nc,
    def,
    async (env) => {
      started.resolve();
      await release.promise;
      handled.push(env.data.connectionId);
    },
    { logger, prefix, service: 'test' },
  );
  await publish('calendar.sync.requested.v1', syncRequested('first'));
  await started.promise;
  t.equal(consumer.stats.inFlight, 1);

  let stopped = false;
  const stopping = consumer.stop().then(() => {
    stopped = true;
  });
  await publish('calendar.sync.requested.v1', syncRequested('after-stop'));
  await nc.flush();
  t.notOk(stopped, 'stop() waits while a handler is still running');

  release.resolve();
  await stopping;
  t.same(handled, ['first'], 'the message published after stop() was not handled');
  t.match(consumer.stats, { processed: 1, inFlight: 0 });
  const info = await consumerInfo(prefix, def.durable);
  t.equal(info.num_ack_pending, 0, 'the in-flight message was acked before stop() resolved');
  t.equal(info.ack_floor.stream_seq, 1);
  t.equal(info.num_pending + info.num_ack_pending + info.num_redelivered, 1, 'the later message waits for the next instance');
});

t.test('a handler longer than ack_wait is kept alive with working() and delivered once', async (t) => {
  const { prefix, def, logger, publish } = await setup({ ackWaitMs: 1_200 });
  let calls = 0;
  const consumer = await startConsumer(
    nc,
    def,
    async () => {
      calls++;
      // Several ack_wait periods: without in-progress acks the server would redeliver mid-way.
      await new Promise((r) => setTimeout(r, 4_000));
    },
    { logger, prefix, service: 'test', concurrency: 2 },
  );
  t.teardown(() => consumer.stop());
  await publish('calendar.sync.requested.v1', syncRequested());
  await waitFor('handled', () => consumer.stats.processed === 1);
  t.equal(calls, 1, 'no second copy started while the first was running');
  const info = await consumerInfo(prefix, def.durable);
  t.equal(info.num_redelivered, 0);
  t.equal(info.num_ack_pending, 0);
});

t.test('concurrency runs handlers side by side', async (t) => {
  const { prefix, def, logger, publish } = await setup();
  const release = deferred();
  let running = 0;
  let peak = 0;
  const consumer = await startConsumer(
    nc,
    def,
    async () => {
      running++;
      peak = Math.max(peak, running);
      await release.promise;
      running--;
    },
    { logger, prefix, service: 'test', concurrency: 3 },
  );
  t.teardown(() => consumer.stop());
  for (let i = 0; i < 5; i++) await publish('calendar.sync.requested.v1', syncRequested(`c${i}`));
  await waitFor('three in flight', () => consumer.stats.inFlight === 3);
  release.resolve();
  await waitFor('all handled', () => consumer.stats.processed === 5);
  t.equal(peak, 3, 'never more than the concurrency limit at once');
});

t.test('stop() is bounded: a handler that outlives it is aborted and its message left for redelivery', async (t) => {
  const { prefix, def, logger, publish } = await setup();
  const started = deferred();
  let aborted = false;
  const consumer = await startConsumer(
    nc,
    def,
    (_env, ctx) =>
      new Promise<void>((_resolve, reject) => {
        started.resolve();
        ctx.signal.addEventListener('abort', () => {
          aborted = true;
          reject(new Error('aborted'));
        });
      }),
    { logger, prefix, service: 'test', stopTimeoutMs: 200 },
  );
  await publish('calendar.sync.requested.v1', syncRequested());
  await started.promise;
  await consumer.stop();
  t.ok(aborted, 'the handler was told to give up');
  t.equal(consumer.stats.processed, 0, 'nothing was acked for unfinished work');
  await waitFor('handler settled', () => consumer.stats.inFlight === 0);
  const info = await consumerInfo(prefix, def.durable);
  t.equal(info.ack_floor.stream_seq, 0, 'the message is still owed to the next instance');
});
