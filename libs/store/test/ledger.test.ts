import t from 'tap';
import { SideEffectLedger, connectMongo, eventModel, eventsBetween, toStoredEvent } from '@ledarsteg/store';
import { testDatabase, needs } from '@ledarsteg/testing';
import type { CalendarEvent } from '@ledarsteg/contracts';

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

t.test('the unique index on the natural key rejects a duplicate event', await needs('uniqueIndexes'), async (t) => {
  const db = await testDatabase(t, 'store');
  const conn = await connectMongo(db.url);
  t.teardown(() => conn.close());
  const model = eventModel(conn);
  await model.syncIndexes();
  const doc = toStoredEvent(sampleEvent(), 'conn1', new Date());
  await model.create(doc);
  await t.rejects(model.create(doc), { code: 11000 });
});

t.test('stored events round-trip and are found by the week they overlap', async (t) => {
  const db = await testDatabase(t, 'store');
  const conn = await connectMongo(db.url);
  t.teardown(() => conn.close());
  const model = eventModel(conn);
  const event = sampleEvent();
  await model.updateOne({ connectionId: 'conn1', providerEventId: event.providerEventId }, { $set: toStoredEvent(event, 'conn1', new Date()) }, { upsert: true });
  await model.updateOne({ connectionId: 'conn1', providerEventId: event.providerEventId }, { $set: toStoredEvent(event, 'conn1', new Date()) }, { upsert: true });
  t.equal(await model.countDocuments({}), 1, 'an upsert on the natural key never duplicates');
  const found = await eventsBetween(model, 'u1', new Date('2026-11-30T00:00:00Z'), new Date('2026-12-07T00:00:00Z'));
  t.same(found, [event]);
  t.same(await eventsBetween(model, 'u1', new Date('2026-12-07T00:00:00Z'), new Date('2026-12-14T00:00:00Z')), []);
});

function sampleEvent(): CalendarEvent {
  return {
    userId: 'u1', provider: 'google', calendarId: 'primary', providerEventId: 'ev1', seriesId: 'series1',
    originalStart: '2026-12-01T09:00:00.000Z', start: '2026-12-01T09:00:00.000Z', end: '2026-12-01T10:00:00.000Z',
    timeZone: 'Europe/Stockholm', allDay: false, status: 'confirmed', showAs: 'busy', busy: true, kind: 'default',
    attendeeCount: 6, selfResponse: 'accepted', selfOptional: false, organizerIsSelf: false,
    createdAt: '2026-11-01T09:00:00.000Z', updatedAt: '2026-11-02T09:00:00.000Z', hasTitle: true, hasDescription: false,
    title: 'Weekly sync',
  };
}
