import t from 'tap';
import { DocumentOutbox, ErasureLedger, erasedLedgerKey, erasureKey, connectMongo, type OutboxMessage, outboxMessage, outboxPath, pushToOutbox, SideEffectLedger } from '@ledarsteg/store';
import { testDatabase } from '@ledarsteg/testing';
import { Schema } from 'mongoose';

interface Aggregate { key: string; value: number; outbox?: OutboxMessage[] }

t.test('the outbox relays in order, and lets a message go only once it was published', async (t) => {
  const db = await testDatabase(t, 'outbox');
  const conn = await connectMongo(db.url);
  t.teardown(() => conn.close());
  const model = conn.model<Aggregate>('Aggregate', new Schema<Aggregate>({ key: String, value: Number, outbox: outboxPath }), 'aggregates');
  const at = new Date('2026-12-01T08:00:00Z');
  const first = outboxMessage('x.y.changed.v1', { value: 1 }, { occurredAt: at, correlationId: 'c1' });
  const second = outboxMessage('x.y.changed.v1', { value: 2 }, { occurredAt: at });
  await model.updateOne({ key: 'a' }, { $set: { value: 1 }, $push: pushToOutbox(first) }, { upsert: true });
  await model.updateOne({ key: 'a' }, { $set: { value: 2 }, $push: pushToOutbox(second) });

  let failNext = true;
  const published: string[] = [];
  const outbox = new DocumentOutbox(model, async (m) => {
    if (failNext) {
      failNext = false;
      throw new Error('NATS unreachable');
    }
    published.push(m.id);
  });
  await t.rejects(outbox.relay({ key: 'a' }), /unreachable/);
  t.same(await outbox.waiting('key', 10), ['a'], 'a refused publish leaves the messages waiting');
  t.equal((await model.findOne({ key: 'a' }).lean())?.outbox?.length, 2);
  t.equal(await outbox.relay({ key: 'a' }), 2);
  t.same(published, [first.id, second.id], 'in the order written, under their own ids');
  t.same(await outbox.waiting('key', 10), [], 'nothing waits');
  t.equal(await outbox.relay({ key: 'a' }), 0, 'a second relay publishes nothing');
});

t.test('erasure marks keep a hash and a time, and tell older messages from newer ones', async (t) => {
  const db = await testDatabase(t, 'erasures');
  const conn = await connectMongo(db.url);
  t.teardown(() => conn.close());
  const marks = new ErasureLedger(conn, 'erasures');
  const at = new Date('2026-12-01T08:00:00Z');
  await marks.record('leader', 'u1', at);
  await marks.record('leader', 'u1', new Date('2026-11-30T08:00:00Z'));
  const stored = await marks.model.find({}).lean();
  t.equal(stored.length, 1);
  t.equal(stored[0]?.key, erasureKey('leader', 'u1'));
  t.notMatch(JSON.stringify(stored), 'u1', 'the id itself is not kept');
  t.same(stored[0]?.erasedAt, at, 'an older erasure does not move the mark back');
  t.ok(await marks.erasedSince('leader', 'u1', new Date('2026-12-01T07:59:00Z')), 'a message from before is older than the erasure');
  t.notOk(await marks.erasedSince('leader', 'u1', new Date('2026-12-01T08:01:00Z')), 'one from after is news');
  t.notOk(await marks.erasedSince('connection', 'u1', at), 'kinds are apart');
  t.ok(await marks.isErased('leader', 'u1'));
  t.equal(await marks.purgeExpired(new Date('2026-12-20T08:00:00Z')), 0, 'kept while messages from before may still come');
  t.equal(await marks.purgeExpired(new Date('2027-02-01T08:00:00Z')), 1, 'then purged');

  const ledger = new SideEffectLedger(conn, 'effects');
  const claim = await ledger.claim('reauth:c1:x', 'w', 60_000);
  await ledger.complete('reauth:c1:x', claim.entry.owner, { userId: 'u1', messageId: 'm1' });
  t.equal(await ledger.pseudonymise({ 'result.userId': 'u1' }), 1);
  const kept = await ledger.get(erasedLedgerKey('reauth:c1:x'));
  t.match(kept, { state: 'done' });
  t.notOk(kept?.result, 'without its result');
  t.equal(await ledger.get('reauth:c1:x'), null, 'the plain key is gone');
});
