// Consuming: poison goes to the dead-letter stream, failures retry with backoff, and nothing is silently lost.
import { jetstream } from '@nats-io/jetstream';
import t from 'tap';
import {
  PermanentError,
  startConsumer,
  TransientError,
} from '../src/index.js';
import {
  connectTo,
  natsServer,
  storedMessages,
  syncConsumer,
  syncRequested,
  syncTopology,
  waitFor,
} from './fixtures/nats.js';

const server = await natsServer(t);
const nc = await connectTo(t, server.url);

async function setup(overrides: Parameters<typeof syncConsumer>[0] = {}) {
  const topology = await syncTopology(nc, server.prefix, overrides);
  return { ...topology, deadLetters: () => storedMessages(nc, `${topology.prefix}_DEADLETTER`) };
}

t.test('malformed messages are dead-lettered with headers while the consumer keeps serving', async (t) => {
  const { prefix, def, publish, logger, raw, lines, deadLetters } = await setup();
  const handled: string[] = [];
  const consumer = await startConsumer(nc, def, (env) => void handled.push(env.data.connectionId), {
    logger,
    prefix,
    service: 'calendar-sync',
  });
  t.teardown(() => consumer.stop());

  const js = jetstream(nc);
  const subject = `${prefix}.calendar.sync.requested.v1`;
  await js.publish(subject, '{"not json', { msgID: 'bad-json' });
  const wrongSchema = JSON.stringify({
    id: 'wrong-1',
    subject: 'calendar.sync.requested.v1',
    occurredAt: '2026-03-02T09:00:00Z',
    correlationId: 'corr-1',
    data: { connectionId: 'secret-connection-xyz', reason: 'because I said so', requestedAt: 'now' },
  });
  await js.publish(subject, wrongSchema, { msgID: 'wrong-1' });
  await publish('calendar.sync.requested.v1', syncRequested('good-one'));

  await waitFor('valid message handled after the poison', () => consumer.stats.processed === 1);
  await waitFor('both poison messages filed', () => consumer.stats.deadLettered === 2);
  t.same(handled, ['good-one'], 'the handler never saw the poison');
  t.match(consumer.stats, { processed: 1, poison: 2, deadLettered: 2, failed: 0 });

  const dead = await deadLetters();
  t.equal(dead.length, 2);
  const [json, schema] = dead;
  t.equal(json?.subject, `${prefix}.deadletter.test-sync`);
  t.equal(new TextDecoder().decode(json?.data), '{"not json', 'the raw payload is copied unchanged');
  t.equal(json?.header.get('Ledarsteg-Dead-Letter-Reason'), 'invalid-json');
  t.equal(json?.header.get('Ledarsteg-Original-Subject'), subject);
  t.equal(json?.header.get('Ledarsteg-Stream-Sequence'), '1');
  t.equal(json?.header.get('Ledarsteg-Service'), 'calendar-sync');
  t.equal(schema?.header.get('Ledarsteg-Dead-Letter-Reason'), 'invalid-envelope');
  t.equal(schema?.header.get('Ledarsteg-Stream-Sequence'), '2');
  t.match(schema?.header.get('Ledarsteg-Error'), /\/data\/reason/);
  t.equal(new TextDecoder().decode(schema?.data), wrongSchema);

  const poisonLogs = lines.filter((l) => l['msg'] === 'poison message');
  t.equal(poisonLogs.length, 2);
  t.equal(poisonLogs[1]?.['msgId'], 'wrong-1');
  t.notOk(raw.join('').includes('secret-connection-xyz'), 'the payload body never reaches the log');
});

t.test('a TransientError is retried with backoff and succeeds later', async (t) => {
  const { prefix, def, publish, logger, lines, deadLetters } = await setup({ backoffMs: [20, 40] });
  const attempts: number[] = [];
  const consumer = await startConsumer(
    nc,
    def,
    (_env, ctx) => {
      attempts.push(ctx.deliveryCount);
      if (ctx.deliveryCount < 3) throw new TransientError('provider busy');
    },
    { logger, prefix, service: 'test' },
  );
  t.teardown(() => consumer.stop());
  await publish('calendar.sync.requested.v1', syncRequested());
  await waitFor('third attempt succeeded', () => consumer.stats.processed === 1);
  t.same(attempts, [1, 2, 3]);
  t.match(consumer.stats, { processed: 1, failed: 2, deadLettered: 0 });
  const delays = lines.filter((l) => l['msg'] === 'handler failed; will retry').map((l) => l['delayMs']);
  t.same(delays, [20, 40], 'nak delay follows the backoff by delivery count');
  t.equal((await deadLetters()).length, 0);
});

t.test('when max_deliver is exhausted the message is dead-lettered, not lost', async (t) => {
  const { prefix, def, publish, logger, deadLetters } = await setup({ maxDeliver: 3, backoffMs: [10] });
  const attempts: number[] = [];
  const consumer = await startConsumer(
    nc,
    def,
    (_env, ctx) => {
      attempts.push(ctx.deliveryCount);
      throw new Error('database down');
    },
    { logger, prefix, service: 'test' },
  );
  t.teardown(() => consumer.stop());
  const sent = await publish('calendar.sync.requested.v1', syncRequested());
  await waitFor('dead-lettered', () => consumer.stats.deadLettered === 1);
  t.same(attempts, [1, 2, 3], 'tried exactly maxDeliver times');
  const [dead] = await deadLetters();
  t.equal(dead?.header.get('Ledarsteg-Dead-Letter-Reason'), 'max-deliver');
  t.equal(dead?.header.get('Ledarsteg-Delivery-Count'), '3');
  t.equal(dead?.header.get('Ledarsteg-Error'), 'Error', 'only the error kind, not its message');
  t.same(JSON.parse(new TextDecoder().decode(dead?.data)), sent.envelope);
});

t.test('a PermanentError is dead-lettered on the first delivery', async (t) => {
  const { prefix, def, publish, logger, deadLetters } = await setup();
  let calls = 0;
  const consumer = await startConsumer(
    nc,
    def,
    () => {
      calls++;
      throw new PermanentError('connection was deleted');
    },
    { logger, prefix, service: 'test' },
  );
  t.teardown(() => consumer.stop());
  await publish('calendar.sync.requested.v1', syncRequested());
  await waitFor('dead-lettered', () => consumer.stats.deadLettered === 1);
  t.equal(calls, 1);
  const [dead] = await deadLetters();
  t.equal(dead?.header.get('Ledarsteg-Dead-Letter-Reason'), 'permanent-error');
  t.equal(dead?.header.get('Ledarsteg-Error'), 'MSG_ERR_PERMANENT');
});

t.test('starting on a consumer that does not exist fails with a coded error', async (t) => {
  const { prefix, logger } = await setup();
  await t.rejects(startConsumer(nc, syncConsumer({ durable: 'missing' }), () => {}, { logger, prefix, service: 't' }), {
    code: 'MSG_ERR_CONSUMER_START_FAILED',
  });
  await t.rejects(startConsumer(nc, syncConsumer(), () => {}, { logger, prefix, service: 't', concurrency: 0 }), {
    code: 'MSG_ERR_INVALID_OPTIONS',
  });
});
