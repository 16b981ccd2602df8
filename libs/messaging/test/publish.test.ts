// Publishing: envelopes are validated before anything is sent, dedup by id, and a valid message reaches a consumer.
import { Streams } from '@ledarsteg/contracts';
import t from 'tap';
import { createPublisher, ensureStreams, type Handler, startConsumer } from '../src/index.js';
import {
  captureLogger,
  connectTo,
  natsServer,
  storedMessages,
  syncRequested,
  syncTopology,
  uniquePrefix,
  waitFor,
} from './fixtures/nats.js';

const server = await natsServer(t);
const nc = await connectTo(t, server.url);

t.test('a published message is consumed, validated and acked', async (t) => {
  const { prefix, def, logger, publish } = await syncTopology(nc, server.prefix);

  const seen: Array<Parameters<Handler<'calendar.sync.requested.v1'>>> = [];
  const consumer = await startConsumer(nc, def, (env, ctx) => void seen.push([env, ctx]), {
    logger,
    prefix,
    service: 'test',
  });
  t.teardown(() => consumer.stop());

  const sent = await publish('calendar.sync.requested.v1', syncRequested('c-42'), { causationId: 'cause-1' });
  t.equal(sent.duplicate, false);
  t.equal(sent.stream, `${prefix}_CALENDAR`);
  t.equal(sent.envelope.correlationId, sent.envelope.id, 'a new chain correlates to itself');

  await waitFor('handler ran and acked', () => consumer.stats.processed === 1);
  t.equal(seen.length, 1);
  const [envelope, ctx] = seen[0]!;
  t.same(envelope, sent.envelope, 'the handler sees exactly the published envelope');
  t.equal(envelope.data.connectionId, 'c-42');
  t.equal(envelope.causationId, 'cause-1');
  t.equal(ctx.deliveryCount, 1);

  const [stored] = await storedMessages(nc, `${prefix}_CALENDAR`);
  t.equal(stored?.subject, `${prefix}.calendar.sync.requested.v1`, 'subject carries the prefix');
  t.equal(stored?.header.get('Ledarsteg-Correlation-Id'), sent.envelope.correlationId);
  t.equal(stored?.header.get('Nats-Msg-Id'), sent.envelope.id, 'msgID is the envelope id');
});

t.test('publishing the same id twice is stored and delivered once', async (t) => {
  const { prefix, def, logger, publish } = await syncTopology(nc, server.prefix);

  const first = await publish('calendar.sync.requested.v1', syncRequested(), { id: 'sync-abc' });
  const second = await publish('calendar.sync.requested.v1', syncRequested(), { id: 'sync-abc' });
  const other = await publish('calendar.sync.requested.v1', syncRequested(), { id: 'sync-def' });
  t.equal(first.duplicate, false);
  t.equal(second.duplicate, true, 'the retry is reported as a duplicate');
  t.equal(second.seq, first.seq, 'the duplicate points at the stored original');
  t.equal(other.duplicate, false);

  const ids: string[] = [];
  const consumer = await startConsumer(nc, def, (env) => void ids.push(env.id), { logger, prefix, service: 'test' });
  t.teardown(() => consumer.stop());
  await waitFor('both distinct messages handled', () => consumer.stats.processed === 2);
  await consumer.stop();
  t.same(ids.sort(), ['sync-abc', 'sync-def'], 'the duplicate was never delivered');
  t.equal((await storedMessages(nc, `${prefix}_CALENDAR`)).length, 2);
});

t.test('an invalid envelope is refused before anything is sent', async (t) => {
  const prefix = uniquePrefix(server.prefix);
  const { logger } = captureLogger();
  await ensureStreams(nc, [Streams.calendar], { prefix });
  const publish = createPublisher(nc, { logger, prefix });

  // A plain-JS caller can bypass the types; the contract check must still stop it.
  const bad = { connectionId: 'c', reason: 'because', requestedAt: 'yesterday' } as never;
  await t.rejects(publish('calendar.sync.requested.v1', bad), { code: 'MSG_ERR_INVALID_ENVELOPE', message: /reason/ });
  await t.rejects(publish('calendar.sync.requested.v1', syncRequested(), { occurredAt: '2026-03-02 09:00' }), {
    code: 'MSG_ERR_INVALID_ENVELOPE',
  });
  await t.rejects(publish('calendar.sync.requested.v1', syncRequested(), { id: '' }), {
    code: 'MSG_ERR_INVALID_ENVELOPE',
  });
  await t.rejects(publish('calendar.nope.v1' as never, syncRequested() as never), { code: 'MSG_ERR_UNKNOWN_SUBJECT' });
  t.equal((await storedMessages(nc, `${prefix}_CALENDAR`)).length, 0, 'nothing reached the stream');
});

t.test('a publish with no stream to store it fails with a coded error', async (t) => {
  const publish = createPublisher(nc, { logger: captureLogger().logger, prefix: uniquePrefix(server.prefix) });
  await t.rejects(publish('calendar.sync.requested.v1', syncRequested(), { timeoutMs: 1_000 }), {
    code: 'MSG_ERR_PUBLISH_FAILED',
  });
});

t.test('prefixes that would break subjects or stream names are rejected', async (t) => {
  const { logger } = captureLogger();
  for (const prefix of ['a.b', 'a*', 'x>', 'has space', 'x'.repeat(33)]) {
    t.throws(() => createPublisher(nc, { logger, prefix }), { code: 'MSG_ERR_INVALID_PREFIX' }, prefix);
  }
});
