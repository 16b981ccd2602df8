// A deleted account erases every connection of the leader and revokes its grants; a disconnect a crash left half done
// is finished by the poll tick, or by linking the account again.
import { Subjects } from '@ledarsteg/contracts';
import { outboxMessage } from '@ledarsteg/store';
import { eventually } from '@ledarsteg/testing';
import t from 'tap';
import { finishDisconnects } from '../src/connections/disconnect.js';
import { LEADER, connectAs, createHarness, gslot, mslot, syncedWhere } from './fixtures/harness.js';

const OTHER = 'someone.else@example.com';

t.test('account deletion: every connection of the leader erased, each announced, the Google grant revoked', async (t) => {
  const h = await createHarness(t, { googleAccounts: [{ email: OTHER }] });
  h.google.insertEvent(LEADER.email, gslot(1, 'Ledningsgrupp'));
  h.microsoft.createEvent(h.msAccount.id, mslot(2, 'Budget'));
  const google = await connectAs(h, 'google', LEADER.email);
  const microsoft = await connectAs(h, 'microsoft', h.msAccount.id);
  await syncedWhere(h, google.connectionId, (e) => e.data.full, 'google synced');
  await syncedWhere(h, microsoft.connectionId, (e) => e.data.full, 'microsoft synced');
  // One leader with two calendars (the front door links them to one account).
  await h.app.db.collection('connections').updateOne({ connectionId: microsoft.connectionId }, { $set: { userId: google.userId } });
  const other = await connectAs(h, 'google', OTHER);

  await h.app.publish(Subjects.accountDeleted, { userId: google.userId, deletedAt: new Date().toISOString() });
  const announced = await eventually(() => {
    const mine = h.seen('calendar.connection.disconnected.v1').filter((e) => e.data.userId === google.userId);
    return mine.length === 2 ? mine : undefined;
  }, { what: 'both calendars announced gone' });
  t.same(announced.map((e) => e.data.remainingConnections).sort(), [0, 1], 'the last one says none remain');
  await eventually(async () => (await h.app.db.collection('connections').countDocuments({ userId: google.userId })) === 0, { what: 'the connections erased' });
  for (const connectionId of [google.connectionId, microsoft.connectionId]) {
    t.equal(await h.app.db.collection('calendar_events').countDocuments({ connectionId }), 0, `the copy of ${connectionId} erased`);
  }
  t.ok(h.google.grants(LEADER.email).every((g) => g.revoked), 'the Google grant is revoked');
  t.ok(await h.app.calendarSync.connections.byId(other.connectionId), "another leader's connection stays");
  t.ok(h.google.grants(OTHER).some((g) => !g.revoked), "and so does that leader's grant");

  // The disconnect command, as the front door sends it: refused for someone else's connection, carried out for one's own.
  await h.app.publish(Subjects.disconnectRequested, { userId: google.userId, connectionId: other.connectionId, reason: 'leader', requestedAt: new Date().toISOString() });
  await h.app.publish(Subjects.disconnectRequested, { userId: other.userId, connectionId: other.connectionId, reason: 'leader', requestedAt: new Date().toISOString() });
  await eventually(() => h.seen('calendar.connection.disconnected.v1').find((e) => e.data.connectionId === other.connectionId), { what: 'the requested disconnect' });
  t.equal(h.seen('calendar.connection.disconnected.v1').filter((e) => e.data.connectionId === other.connectionId).length, 1, 'once');
  t.equal(await h.app.calendarSync.connections.byId(other.connectionId), null);
  t.ok(h.google.grants(OTHER).every((g) => g.revoked), 'its grant revoked');
});

t.test('a disconnect interrupted after its first write is finished by the poll tick, or by linking again', async (t) => {
  const h = await createHarness(t);
  h.google.insertEvent(LEADER.email, gslot(1, 'Ledningsgrupp'));
  const first = await connectAs(h, 'google', LEADER.email);
  await syncedWhere(h, first.connectionId, (e) => e.data.full, 'first sync');
  const svc = h.app.calendarSync;
  const crashAfterMark = async (connectionId: string) => {
    // What a process killed right after the first write of a disconnect leaves: no tokens, the announcement waiting.
    const now = new Date();
    const data = { userId: first.userId, connectionId, provider: 'google' as const, remainingConnections: 0, disconnectedAt: now.toISOString() };
    await svc.connections.markDisconnected(connectionId, now, outboxMessage(Subjects.connectionDisconnected, data, { occurredAt: now }));
  };

  await crashAfterMark(first.connectionId);
  t.ok((await h.app.db.collection('calendar_events').countDocuments({ connectionId: first.connectionId })) > 0, 'the copy is still there');
  t.equal(await finishDisconnects(svc), 1, 'the tick finishes it');
  t.equal(await svc.connections.byId(first.connectionId), null, 'the connection is erased');
  t.equal(await h.app.db.collection('calendar_events').countDocuments({ connectionId: first.connectionId }), 0, 'and its copy');
  await eventually(() => h.seen('calendar.connection.disconnected.v1').find((e) => e.data.connectionId === first.connectionId), { what: 'announced' });
  t.equal(await finishDisconnects(svc), 0, 'nothing left');

  const second = await connectAs(h, 'google', LEADER.email);
  t.not(second.connectionId, first.connectionId, 'a new connection');
  t.equal(second.userId, first.userId, 'for the same leader: the id is derived from the identity');
  await syncedWhere(h, second.connectionId, (e) => e.data.full, 'second sync');
  await crashAfterMark(second.connectionId);
  const third = await connectAs(h, 'google', LEADER.email);
  t.not(third.connectionId, second.connectionId, 'linking the account again finishes the half-done disconnect first');
  t.equal(await svc.connections.byId(second.connectionId), null);
  t.equal(await h.app.db.collection('calendar_events').countDocuments({ connectionId: second.connectionId }), 0);
  t.equal((await svc.connections.byId(third.connectionId))?.status, 'active');
});
