// The changed events themselves: every write carries a newer revision, deletions leave tombstones, a failed publish is
// announced later, a replay re-publishes the copy, and a disconnect announces the calendar gone.
import type { Envelope, EventChange } from '@ledarsteg/contracts';
import type { Publish } from '@ledarsteg/messaging';
import { eventually } from '@ledarsteg/testing';
import t from 'tap';
import { ADMIN_TOKEN, LEADER, connectAs, createHarness, gslot, requestSyncNow, storedConnection, storedEvents, syncedWhere } from './fixtures/harness.js';

t.setTimeout(180_000);

type Changed = Envelope<'calendar.events.changed.v1'>;
const live = (h: Awaited<ReturnType<typeof createHarness>>, connectionId: string) =>
  h.seen('calendar.events.changed.v1').filter((e) => e.data.connectionId === connectionId && !e.data.replayOf);
const changesOf = (messages: Changed[]): EventChange[] => messages.flatMap((m) => m.data.changes);
const idOf = (c: EventChange) => ('event' in c ? c.event.providerEventId : c.deleted);

t.test('changes are published with increasing revisions; deletions as tombstones; a lost publish goes out later', async (t) => {
  const h = await createHarness(t, { deps: { redeliveryBackoffMs: [50] } });
  const a = h.google.insertEvent(LEADER.email, gslot(1, 'Ledningsgrupp'));
  const b = h.google.insertEvent(LEADER.email, gslot(2, '1:1 Kim'));
  const { connectionId, userId } = await connectAs(h, 'google', LEADER.email);
  await syncedWhere(h, connectionId, (e) => e.data.full, 'first sync');
  await h.observed();

  const first = live(h, connectionId);
  t.ok(first.length >= 1, 'the first sync is announced as changes');
  t.same(changesOf(first).map(idOf).sort(), [a.id, b.id].sort(), 'each synced event once');
  for (const m of first) {
    t.equal(m.id, `${connectionId}:${m.data.fromRev}-${m.data.toRev}`, 'a deterministic message id');
    t.match(m.data, { userId, provider: 'google' });
  }
  const firstEvent = changesOf(first).find((c) => 'event' in c && c.event.providerEventId === a.id);
  t.match(firstEvent, { event: { userId, title: 'Ledningsgrupp' } }, 'the event itself travels');
  const revs = changesOf(first).map((c) => c.rev);
  t.same(revs, [...revs].sort((x, y) => x - y), 'in revision order');
  t.equal((await storedConnection(h, connectionId)).announcedRev, Math.max(...revs), 'the outbox mark follows');

  // The publish of the next changes fails once: the write is kept, and the retried sync announces it.
  const svc = h.app.calendarSync;
  const real: Publish = svc.publish;
  let failures = 0;
  svc.publish = ((subject, data, o) => {
    if (subject === 'calendar.events.changed.v1' && failures === 0) {
      failures++;
      return Promise.reject(new Error('NATS unavailable'));
    }
    return real(subject, data, o);
  }) as Publish;
  h.google.updateEvent(LEADER.email, a.id, { summary: 'Ledningsgrupp (ny agenda)' });
  h.google.deleteEvent(LEADER.email, b.id);
  await requestSyncNow(h, connectionId);
  const later = await eventually(() => {
    const changes = changesOf(live(h, connectionId).slice(first.length));
    return changes.some((c) => 'deleted' in c && c.deleted === b.id) && changes.some((c) => 'event' in c && c.event.providerEventId === a.id) ? changes : undefined;
  }, { what: 'the changes announced after the failed publish', timeoutMs: 60_000 });
  t.equal(failures, 1, 'the first publish did fail');
  t.ok(later.every((c) => c.rev > Math.max(...revs)), 'newer revisions than anything before');
  t.match(later.find((c) => 'event' in c), { event: { title: 'Ledningsgrupp (ny agenda)' } });

  const tombstone = await h.app.db.collection('calendar_events').findOne({ connectionId, providerEventId: b.id });
  t.match(tombstone, { deleted: true, rev: Number }, 'the deleted event is a tombstone');
  t.notOk(tombstone && ('title' in tombstone || 'start' in tombstone), 'which keeps nothing the leader wrote');
  t.same((await storedEvents(h, connectionId)).map((e) => e.providerEventId), [a.id], 'and is not part of the copy');
});

t.test('a replay re-publishes the current copy at its revisions; a disconnect announces the calendar gone', async (t) => {
  const h = await createHarness(t);
  const a = h.google.insertEvent(LEADER.email, gslot(1, 'Ledningsgrupp'));
  const b = h.google.insertEvent(LEADER.email, gslot(3, 'Budget'));
  const { connectionId, userId } = await connectAs(h, 'google', LEADER.email);
  await syncedWhere(h, connectionId, (e) => e.data.full, 'first sync');
  h.google.deleteEvent(LEADER.email, b.id);
  await requestSyncNow(h, connectionId);
  await syncedWhere(h, connectionId, (e) => e.data.counts.deleted === 1, 'the deletion synced');
  await h.observed();
  const announced = changesOf(live(h, connectionId));

  await h.app.publish('calendar.events.replay-requested.v1', { requestId: 'replay-1', userId, requestedAt: new Date().toISOString() });
  const replayed = await eventually(() => {
    const msgs = h.seen('calendar.events.changed.v1').filter((e) => e.data.replayOf === 'replay-1');
    return changesOf(msgs).length === 2 ? msgs : undefined;
  }, { what: 'the replay' });
  const current = new Map<string, number>();
  for (const c of announced) current.set(idOf(c), Math.max(current.get(idOf(c)) ?? 0, c.rev));
  for (const c of changesOf(replayed)) t.equal(c.rev, current.get(idOf(c)), `${idOf(c)} at its current revision`);
  t.ok(changesOf(replayed).some((c) => 'event' in c && c.event.providerEventId === a.id), 'the live event');
  t.ok(changesOf(replayed).some((c) => 'deleted' in c && c.deleted === b.id), 'and the tombstone');
  t.ok(replayed.every((m) => m.id.startsWith(`${connectionId}:replay:replay-1:`)), 'ids of their own: a replay is never taken for a duplicate');

  const res = await h.app.inject({ method: 'DELETE', url: `/connections/${connectionId}`, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  t.equal(res.statusCode, 200);
  t.equal(res.json().deletedEvents, 1);
  // One message says the whole calendar is gone; each projection forgets the connection from it.
  const gone = await eventually(() => h.seen('calendar.connection.disconnected.v1').find((e) => e.data.connectionId === connectionId), { what: 'the disconnect announced' });
  t.match(gone.data, { userId, remainingConnections: 0 });
  t.equal(h.seen('calendar.connection.disconnected.v1').length, 1, 'announced once');
  t.same(await storedEvents(h, connectionId), [], 'the copy is forgotten');
  t.equal(await h.app.db.collection('calendar_events').countDocuments({ connectionId }), 0, 'tombstones included');
});

t.test('events stored before revisions existed get them at start, and are announced and replayed like any other', async (t) => {
  const h = await createHarness(t);
  const a = h.google.insertEvent(LEADER.email, gslot(1, 'Ledningsgrupp'));
  const { connectionId, userId } = await connectAs(h, 'google', LEADER.email);
  await syncedWhere(h, connectionId, (e) => e.data.full, 'first sync');
  // As an older version stored it: no revision on the event, none counted on the connection.
  await h.app.db.collection('calendar_events').updateOne({ connectionId, providerEventId: a.id }, { $unset: { rev: 1 } });
  await h.app.db.collection('connections').updateOne({ connectionId }, { $unset: { rev: 1, announcedRev: 1 } });

  await h.restart();
  const stamped = await h.app.db.collection('calendar_events').findOne({ connectionId, providerEventId: a.id });
  t.ok(typeof stamped?.['rev'] === 'number' && stamped['rev'] >= 1, 'a revision was given at start');
  await h.app.publish('calendar.events.replay-requested.v1', { requestId: 'legacy', connectionId, requestedAt: new Date().toISOString() });
  const replayed = await eventually(() => h.seen('calendar.events.changed.v1').find((e) => e.data.replayOf === 'legacy'), { what: 'the replay' });
  t.match(replayed.data, { userId, connectionId });
  t.match(replayed.data.changes, [{ rev: stamped?.['rev'], event: { providerEventId: a.id } }]);
});
