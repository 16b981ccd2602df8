// Google end to end: connect through OAuth, sealed tokens, first and incremental sync, dead sync token, throttling, dead grant.
import { isoWeekOf } from '@ledarsteg/contracts';
import { eventually } from '@ledarsteg/testing';
import { DateTime } from 'luxon';
import t from 'tap';
import { onSyncRequested } from '../src/sync/on-sync-requested.js';
import { LEADER, connectThroughBrowser, createHarness, requestSyncNow, storedConnection, storedEvents, syncedWhere } from './fixtures/harness.js';

const zone = LEADER.timeZone;
const local = (days: number, hour: number) => DateTime.now().setZone(zone).startOf('day').plus({ days }).set({ hour });
const slot = (days: number, hour: number, summary: string) => ({
  summary,
  start: { dateTime: local(days, hour).toISO() as string, timeZone: zone },
  end: { dateTime: local(days, hour + 1).toISO() as string, timeZone: zone },
});
const weekOf = (days: number, hour: number) => isoWeekOf(local(days, hour).toJSDate(), zone);

t.setTimeout(120_000);

t.test('google: connect, sync, incremental changes, reconciling resync, 429 and invalid_grant', async (t) => {
  const h = await createHarness(t);
  const a = h.google.insertEvent(LEADER.email, slot(1, 9, 'Ledningsgrupp'));
  const b = h.google.insertEvent(LEADER.email, slot(8, 13, '1:1 Kim'));
  h.google.insertEvent(LEADER.email, slot(70, 9, 'Far outside the window'));

  const { authorizeUrl, callback } = await connectThroughBrowser(h, 'google');
  const asked = new URL(authorizeUrl);
  t.equal(asked.searchParams.get('code_challenge_method'), 'S256', 'PKCE S256');
  t.equal(asked.searchParams.get('access_type'), 'offline');
  t.equal(asked.searchParams.get('prompt'), 'consent');
  t.equal(asked.searchParams.get('scope'), 'openid email https://www.googleapis.com/auth/calendar.events.owned', 'least privilege');
  t.ok(asked.searchParams.get('nonce'), 'an OpenID Connect nonce');
  t.equal(callback.statusCode, 200, callback.body);
  const { connectionId, userId } = callback.json();
  t.match(callback.json(), { provider: 'google', email: LEADER.email, timeZone: zone, status: 'active' });

  const conn = await storedConnection(h, connectionId);
  const raw = JSON.stringify(await h.app.db.collection('connections').findOne({ connectionId }));
  const access = h.app.tokenCipher.open(conn.accessToken!, connectionId);
  const refresh = h.app.tokenCipher.open(conn.refreshToken!, connectionId);
  t.match(access, /^ya29\./);
  t.match(refresh, /^1\/\//);
  t.notOk(raw.includes(access) || raw.includes(refresh), 'the database never holds the token strings');

  const linked = await eventually(() => h.seen('calendar.connection.linked.v1')[0], { what: 'linked' });
  t.match(linked.data, { userId, connectionId, provider: 'google', accountEmail: LEADER.email, timeZone: zone });

  const first = await syncedWhere(h, connectionId, (e) => e.data.full, 'first sync');
  t.same(first.data.weeks, [...new Set([weekOf(1, 9), weekOf(8, 13)])].sort(), 'the seeded weeks, in the leader zone');
  t.match(first.data.counts, { upserted: 2, deleted: 0 });
  let events = await storedEvents(h, connectionId);
  t.same(events.map((e) => e.providerEventId).sort(), [a.id, b.id].sort(), 'the window is copied, nothing outside it');
  t.ok(events.every((e) => e.userId === userId));

  // Incremental: one moved, one new, one cancelled.
  h.google.updateEvent(LEADER.email, b.id, { start: slot(15, 13, '').start, end: slot(15, 13, '').end });
  const d = h.google.insertEvent(LEADER.email, slot(3, 10, 'Budget'));
  h.google.deleteEvent(LEADER.email, a.id);
  await requestSyncNow(h, connectionId);
  const inc = await syncedWhere(h, connectionId, (e) => !e.data.full, 'incremental sync');
  t.match(inc.data.counts, { upserted: 2, deleted: 1 });
  t.same(inc.data.weeks, [...new Set([weekOf(1, 9), weekOf(8, 13), weekOf(15, 13), weekOf(3, 10)])].sort(), 'old and new weeks of the moved event');
  events = await storedEvents(h, connectionId);
  t.same(events.map((e) => e.providerEventId).sort(), [b.id, d.id].sort());
  t.equal(events.find((e) => e.providerEventId === b.id)?.start.toISOString(), local(15, 13).toJSDate().toISOString());

  // An unchanged replay: nothing new is announced or duplicated.
  const syncedBefore = h.seen('calendar.events.synced.v1').length;
  const lastSynced = (await storedConnection(h, connectionId)).lastSyncedAt!;
  await requestSyncNow(h, connectionId);
  await eventually(async () => (await storedConnection(h, connectionId)).lastSyncedAt! > lastSynced, { what: 'quiet sync' });
  t.equal(h.seen('calendar.events.synced.v1').length, syncedBefore, 'no synced message when nothing changed');
  t.equal((await storedEvents(h, connectionId)).length, 2);

  // The sync token dies; meanwhile an event is deleted. The resync removes it and keeps the rest, without duplicates.
  h.google.invalidateSyncTokens(LEADER.email);
  h.google.deleteEvent(LEADER.email, d.id);
  await requestSyncNow(h, connectionId);
  const resync = await syncedWhere(h, connectionId, (e) => e.data.full && e.id !== first.id, 'reconciling resync');
  t.match(resync.data.counts, { deleted: 1 });
  t.ok(resync.data.weeks.includes(weekOf(3, 10)));
  events = await storedEvents(h, connectionId);
  t.same(events.map((e) => e.providerEventId), [b.id], 'the deleted event is gone, the live one kept once');

  // Throttled: 429 with Retry-After; the request comes back later and nothing is lost.
  h.google.injectFault({ kind: 'tooManyRequests', operation: 'events.list', retryAfterSeconds: 1, times: 1 });
  const e = h.google.insertEvent(LEADER.email, slot(2, 15, 'Efter 429'));
  h.google.clearRequests();
  await requestSyncNow(h, connectionId);
  await eventually(async () => (await storedEvents(h, connectionId)).some((x) => x.providerEventId === e.id), { what: 'event after the 429' });
  t.ok(h.google.requests.some((r) => r.operation === 'events.list' && r.status === 429), 'the provider did throttle');
  t.ok(await eventually(async () => !(await storedConnection(h, connectionId)).notBefore), 'the pause is lifted after a good sync');

  // The grant dies: one needs-reauth message, and syncing stops.
  h.google.revokeGrants(LEADER.email);
  h.google.expireAccessTokens(LEADER.email);
  await requestSyncNow(h, connectionId);
  await eventually(async () => (await storedConnection(h, connectionId)).status === 'needs_reauth', { what: 'needs_reauth' });
  const reauth = await eventually(() => h.seen('calendar.connection.needs-reauth.v1')[0], { what: 'needs-reauth message' });
  t.match(reauth.data, { connectionId, userId, provider: 'google', reason: 'invalid_grant' });
  h.google.clearRequests();
  await eventually(async () => !(await h.app.db.collection('connections').findOne({ connectionId }))?.['syncLeaseUntil'], { what: 'the last sync to let go' });
  const log = { info() {}, warn() {}, error() {}, debug() {}, child: () => log } as never;
  await onSyncRequested(h.app.calendarSync)(
    { id: 'x', subject: 'calendar.sync.requested.v1', occurredAt: new Date().toISOString(), correlationId: 'x', data: { connectionId, reason: 'poll', requestedAt: new Date().toISOString() } },
    { log, deliveryCount: 1, signal: new AbortController().signal },
  );
  t.equal(h.google.requests.length, 0, 'a connection needing reauth is not synced');
  t.equal(h.seen('calendar.connection.needs-reauth.v1').length, 1, 'announced once');
});
