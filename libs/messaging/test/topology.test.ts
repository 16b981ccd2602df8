// Streams and consumers as code: ensuring twice changes nothing, a changed definition updates the server.
import { Streams } from '@ledarsteg/contracts';
import { jetstreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import t from 'tap';
import { backoffDelay, ensureConsumer, ensureStreams } from '../src/index.js';
import { streamConfigOf } from '../src/topology.js';
import { connectTo, natsServer, syncConsumer, uniquePrefix } from './fixtures/nats.js';

const server = await natsServer(t);
const nc = await connectTo(t, server.url);
const jsm = await jetstreamManager(nc);

t.test('ensureStreams creates once, then is a no-op, and updates changed limits', async (t) => {
  const prefix = uniquePrefix(server.prefix);
  const first = await ensureStreams(nc, [Streams.calendar, Streams.deadLetter], { prefix });
  t.same(first, [
    { name: `${prefix}_CALENDAR`, action: 'created' },
    { name: `${prefix}_DEADLETTER`, action: 'created' },
  ]);
  const before = (await jsm.streams.info(`${prefix}_CALENDAR`)).config;
  t.same(before.subjects, [`${prefix}.calendar.>`]);
  t.equal(before.storage, StorageType.File);
  t.equal(before.retention, RetentionPolicy.Limits);
  t.equal(before.max_age, nanos(Streams.calendar.maxAgeMs));
  t.equal(before.duplicate_window, nanos(Streams.calendar.duplicateWindowMs));

  const second = await ensureStreams(nc, [Streams.calendar, Streams.deadLetter], { prefix });
  t.same(second.map((r) => r.action), ['unchanged', 'unchanged']);
  t.same((await jsm.streams.info(`${prefix}_CALENDAR`)).config, before, 'twice = same state');

  const changed = { ...Streams.calendar, maxAgeMs: 3_600_000, duplicateWindowMs: 30_000 };
  t.same(await ensureStreams(nc, [changed], { prefix }), [{ name: `${prefix}_CALENDAR`, action: 'updated' }]);
  const after = (await jsm.streams.info(`${prefix}_CALENDAR`)).config;
  t.equal(after.max_age, nanos(3_600_000));
  t.equal(after.duplicate_window, nanos(30_000));
});

t.test('streams of different prefixes do not collide on one server', async (t) => {
  const a = uniquePrefix(server.prefix);
  const b = uniquePrefix(server.prefix);
  await ensureStreams(nc, [Streams.calendar], { prefix: a });
  await ensureStreams(nc, [Streams.calendar], { prefix: b });
  t.same((await jsm.streams.info(`${b}_CALENDAR`)).config.subjects, [`${b}.calendar.>`]);
});

t.test('ensureConsumer creates a durable pull consumer once and updates changed config', async (t) => {
  const prefix = uniquePrefix(server.prefix);
  await ensureStreams(nc, [Streams.calendar], { prefix });
  const def = syncConsumer({ ackWaitMs: 45_000, maxDeliver: 6 });
  t.same(await ensureConsumer(nc, def, { prefix }), { name: `${prefix}_test-sync`, action: 'created' });
  const info = (await jsm.consumers.info(`${prefix}_CALENDAR`, `${prefix}_test-sync`)).config;
  t.equal(info.durable_name, `${prefix}_test-sync`);
  t.equal(info.ack_policy, 'explicit');
  t.equal(info.ack_wait, nanos(45_000), 'ack_wait kept (no server backoff overriding it)');
  t.equal(info.max_deliver, 6);
  t.equal(info.filter_subject, `${prefix}.calendar.sync.requested.v1`);
  t.notOk(info.deliver_subject, 'a pull consumer');

  t.same(await ensureConsumer(nc, def, { prefix }), { name: `${prefix}_test-sync`, action: 'unchanged' });
  const again = (await jsm.consumers.info(`${prefix}_CALENDAR`, `${prefix}_test-sync`)).config;
  t.same(again, info, 'twice = same state');

  const changed = { ...def, ackWaitMs: 10_000, maxDeliver: 9 };
  t.same(await ensureConsumer(nc, changed, { prefix }), { name: `${prefix}_test-sync`, action: 'updated' });
  const after = (await jsm.consumers.info(`${prefix}_CALENDAR`, `${prefix}_test-sync`)).config;
  t.equal(after.ack_wait, nanos(10_000));
  t.equal(after.max_deliver, 9);
});

t.test('ensure* reject bad definitions and missing streams with coded errors', async (t) => {
  const prefix = uniquePrefix(server.prefix);
  await t.rejects(ensureStreams(nc, [{ ...Streams.calendar, maxAgeMs: -1 }], { prefix }), {
    code: 'MSG_ERR_INVALID_OPTIONS',
  });
  await t.rejects(ensureConsumer(nc, syncConsumer(), { prefix }), { code: 'MSG_ERR_ENSURE_FAILED' });
  await t.rejects(ensureStreams(nc, [Streams.calendar], { prefix: 'a.b' }), { code: 'MSG_ERR_INVALID_PREFIX' });
});

t.test('backoffDelay follows the list by delivery count and repeats the last entry', async (t) => {
  const backoff = [1_000, 5_000, 30_000];
  t.same([1, 2, 3, 4, 9].map((n) => backoffDelay(backoff, n)), [1_000, 5_000, 30_000, 30_000, 30_000]);
  t.equal(backoffDelay([], 3), 0);
});

t.test('stream replicas come from configuration; a single server refuses more than one copy', async (t) => {
  t.equal(streamConfigOf(Streams.calendar, undefined).num_replicas, 1, 'one copy by default');
  t.equal(streamConfigOf(Streams.calendar, undefined, 3).num_replicas, 3);
  t.throws(() => streamConfigOf(Streams.calendar, undefined, 0), { code: 'MSG_ERR_INVALID_OPTIONS' });
  const prefix = uniquePrefix(server.prefix);
  const created = await ensureStreams(nc, [Streams.ledartid], { prefix, replicas: 1 });
  t.equal(created[0]?.action, 'created');
  t.equal((await jsm.streams.info(`${prefix}_LEDARTID`)).config.num_replicas, 1);
  // A non-clustered server cannot hold three copies: start-up must fail loudly, not run with fewer.
  await t.rejects(ensureStreams(nc, [Streams.ledartid], { prefix: uniquePrefix(server.prefix), replicas: 3 }), { code: 'MSG_ERR_ENSURE_FAILED' });
});
