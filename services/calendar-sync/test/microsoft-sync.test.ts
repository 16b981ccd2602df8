// Microsoft end to end: connect through OAuth (HTTPS fake), first sync, an incremental change, and a dead delta token.
import { isoWeekOf } from '@ledarsteg/contracts';
import { eventually } from '@ledarsteg/testing';
import { DateTime } from 'luxon';
import t from 'tap';
import { connectThroughBrowser, createHarness, requestSyncNow, storedConnection, storedEvents, syncedWhere } from './fixtures/harness.js';

t.setTimeout(120_000);
const zone = 'Europe/Berlin';
const utc = (days: number, hour: number) => DateTime.utc().startOf('day').plus({ days }).set({ hour });
const slot = (days: number, hour: number, subject: string) => ({
  subject,
  start: { dateTime: utc(days, hour).toFormat("yyyy-MM-dd'T'HH:mm:ss"), timeZone: 'UTC' },
  end: { dateTime: utc(days, hour + 1).toFormat("yyyy-MM-dd'T'HH:mm:ss"), timeZone: 'UTC' },
});
const weekOf = (days: number, hour: number) => isoWeekOf(utc(days, hour).toJSDate(), zone);

t.test('microsoft: connect, first sync, incremental change, reconciling resync after a dead delta token', async (t) => {
  const h = await createHarness(t);
  const a = h.microsoft.createEvent(h.msAccount.id, slot(2, 8, 'Styrelse'));
  const b = h.microsoft.createEvent(h.msAccount.id, slot(9, 12, 'Medarbetarsamtal'));

  const { authorizeUrl, callback } = await connectThroughBrowser(h, 'microsoft');
  const asked = new URL(authorizeUrl);
  t.match(asked.pathname, /^\/organizations\/oauth2\/v2\.0\/authorize$/, 'the configured tenant');
  t.equal(asked.searchParams.get('scope'), 'openid profile email offline_access MailboxSettings.Read Calendars.Read Calendars.ReadWrite');
  t.equal(asked.searchParams.get('code_challenge_method'), 'S256');
  t.equal(callback.statusCode, 200, callback.body);
  const { connectionId, userId } = callback.json();
  t.match(callback.json(), { provider: 'microsoft', email: 'maja@contoso.example', timeZone: zone });
  const conn = await storedConnection(h, connectionId);
  const raw = JSON.stringify(await h.app.db.collection('connections').findOne({ connectionId }));
  t.notOk(raw.includes(h.app.tokenCipher.open(conn.refreshToken!, connectionId)), 'refresh token sealed');

  const linked = await eventually(() => h.seen('calendar.connection.linked.v1')[0], { what: 'linked' });
  t.match(linked.data, { userId, connectionId, provider: 'microsoft', timeZone: zone });
  t.ok(linked.data.workingHours?.length, 'working hours from the mailbox');
  const first = await syncedWhere(h, connectionId, (e) => e.data.full, 'first sync');
  t.same(first.data.weeks, [...new Set([weekOf(2, 8), weekOf(9, 12)])].sort());
  t.same((await storedEvents(h, connectionId)).map((e) => e.providerEventId).sort(), [a.id, b.id].sort());

  // A refresh rotates Microsoft's refresh token: the newest one is stored.
  const before = h.app.tokenCipher.open((await storedConnection(h, connectionId)).refreshToken!, connectionId);
  h.microsoft.updateEvent(h.msAccount.id, a.id, { ...slot(3, 8, ''), subject: 'Styrelse (flyttad)' });
  await h.app.db.collection('connections').updateOne({ connectionId }, { $set: { expiresAt: new Date(0) } });
  await requestSyncNow(h, connectionId);
  const inc = await syncedWhere(h, connectionId, (e) => !e.data.full, 'incremental');
  t.same(inc.data.weeks, [...new Set([weekOf(2, 8), weekOf(3, 8)])].sort(), 'old and new week of the moved event');
  t.match(inc.data.counts, { upserted: 1, deleted: 0 });
  const after = h.app.tokenCipher.open((await storedConnection(h, connectionId)).refreshToken!, connectionId);
  t.not(after, before, 'the rotated refresh token replaced the old one');

  // Steady state: one more change costs one Graph call — the delta — not a profile read as well.
  h.microsoft.updateEvent(h.msAccount.id, a.id, { subject: 'Styrelse (ny titel)' });
  h.microsoft.clearRequestLog();
  await requestSyncNow(h, connectionId);
  await syncedWhere(h, connectionId, (e) => !e.data.full && e.id !== inc.id, 'steady-state incremental');
  const graphCalls = h.microsoft.requestLog.filter((r) => r.area === 'graph');
  t.same(graphCalls.map((r) => r.url.split('?')[0]), ['/v1.0/me/calendarView/delta'], 'exactly one Graph call per change');

  // The delta token dies while an event is deleted: reconcile, keep the rest, no duplicates.
  h.microsoft.invalidateDeltaTokens(h.msAccount.id, 'syncStateNotFound');
  h.microsoft.deleteEvent(h.msAccount.id, b.id);
  await requestSyncNow(h, connectionId);
  await syncedWhere(h, connectionId, (e) => e.data.full && e.id !== first.id, 'reconciling resync');
  const events = await storedEvents(h, connectionId);
  t.same(events.map((e) => e.providerEventId), [a.id]);
  t.equal(events[0]?.start.toISOString(), utc(3, 8).toJSDate().toISOString());
});
