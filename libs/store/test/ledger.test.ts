import t from 'tap';
import { SideEffectLedger, connectMongo, isDuplicateKey, retryOnDuplicateKey } from '@ledarsteg/store';
import { testDatabase, needs } from '@ledarsteg/testing';

t.test('a side effect is claimed once, even by concurrent workers', async (t) => {
  const db = await testDatabase(t, 'ledger');
  const conn = await connectMongo(db.url);
  t.teardown(() => conn.close());
  const ledger = new SideEffectLedger(conn, 'effects');
  const results = await Promise.all(['a', 'b', 'c', 'd'].map((w) => ledger.claim('digest:u1:2026-W48', w, 60_000)));
  t.equal(results.filter((r) => r.status === 'claimed').length, 1, 'exactly one worker wins');
  const winner = results.find((r) => r.status === 'claimed')!;
  await ledger.complete('digest:u1:2026-W48', winner.entry.owner, { messageId: 'm1' });
  const again = await ledger.claim('digest:u1:2026-W48', 'e', 60_000);
  t.equal(again.status, 'done', 'a finished effect is never repeated');
  t.same(again.entry.result, { messageId: 'm1' });
  t.equal(await ledger.model.countDocuments({ key: 'digest:u1:2026-W48' }), 1);
});

t.test('a lapsed or released claim can be taken over; a live one cannot', async (t) => {
  const db = await testDatabase(t, 'ledger');
  const conn = await connectMongo(db.url);
  t.teardown(() => conn.close());
  const ledger = new SideEffectLedger(conn, 'effects');
  const t0 = new Date('2026-11-30T08:00:00Z');
  t.equal((await ledger.claim('k', 'w1', 30_000, t0)).status, 'claimed');
  t.equal((await ledger.claim('k', 'w2', 30_000, new Date(t0.getTime() + 10_000))).status, 'busy');
  const late = await ledger.claim('k', 'w2', 30_000, new Date(t0.getTime() + 31_000));
  t.equal(late.status, 'claimed');
  t.equal(late.entry.attempts, 2);
  await ledger.release('k', 'w2');
  t.equal((await ledger.claim('k', 'w3', 30_000, new Date(t0.getTime() + 32_000))).status, 'claimed', 'released → retried at once');
  await ledger.complete('k', 'w2', {});
  t.equal((await ledger.get('k'))!.state, 'claimed', 'a stale owner cannot complete a claim it lost');
});

t.test('the unique index on the ledger key rejects a duplicate entry', await needs('uniqueIndexes'), async (t) => {
  const db = await testDatabase(t, 'store');
  const conn = await connectMongo(db.url);
  t.teardown(() => conn.close());
  const ledger = new SideEffectLedger(conn, 'test_ledger');
  await ledger.model.syncIndexes();
  const entry = { key: 'k', state: 'claimed', owner: 'w1', claimedAt: new Date(), leaseUntil: new Date(), attempts: 1 };
  await ledger.model.create(entry);
  await t.rejects(ledger.model.create({ ...entry, owner: 'w2' }), { code: 11000 });
});

t.test('a write that lost an insert race is run again; other errors and lasting conflicts surface', async (t) => {
  const duplicate = Object.assign(new Error('E11000 duplicate key error'), { code: 11000 });
  let calls = 0;
  const value = await retryOnDuplicateKey(async () => {
    calls++;
    if (calls === 1) throw duplicate;
    return 'updated';
  });
  t.equal(value, 'updated');
  t.equal(calls, 2, 'run once more after the duplicate key');
  t.ok(isDuplicateKey({ writeErrors: [{ code: 11000 }] }), 'a bulk write failing only on duplicates counts');
  t.notOk(isDuplicateKey({ writeErrors: [{ code: 11000 }, { code: 121 }] }), 'a bulk write with another failure does not');
  await t.rejects(retryOnDuplicateKey(async () => Promise.reject(new Error('network'))), { message: 'network' });
  await t.rejects(retryOnDuplicateKey(async () => Promise.reject(duplicate), 2), { code: 11000 }, 'gives up after the attempts');
});
