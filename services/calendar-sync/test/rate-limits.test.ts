// Rate limits: project/app-wide limits pause every connection of the provider app, per-user limits only one; nothing is dropped.
import { Consumers } from '@ledarsteg/contracts';
import { TransientError } from '@ledarsteg/messaging';
import { eventually } from '@ledarsteg/testing';
import t from 'tap';
import { pauseModel, ProviderPauses } from '../src/throttle/provider-pauses.js';
import { LEADER, connectAs, createHarness, deliverSync, requestSyncNow, storedConnection, storedEvents, gslot, mslot } from './fixtures/harness.js';

t.setTimeout(180_000);
const OTHER = { email: 'other.leader@example.com', timeZone: 'Europe/Stockholm' };
const pauseDoc = (h: Awaited<ReturnType<typeof createHarness>>) => h.app.db.collection('provider_pauses').findOne({ key: { $regex: '^google:' } });

t.test('google: userRateLimitExceeded pauses one connection, rateLimitExceeded pauses the whole app; paused syncs are delayed, not dropped', async (t) => {
  const h = await createHarness(t, { googleAccounts: [OTHER] });
  const a = await connectAs(h, 'google', LEADER.email);
  const b = await connectAs(h, 'google', OTHER.email);
  await eventually(async () => (await storedConnection(h, a.connectionId)).lastSyncedAt !== undefined, { what: 'A synced' });
  await eventually(async () => (await storedConnection(h, b.connectionId)).lastSyncedAt !== undefined, { what: 'B synced' });

  // Per user: only A waits.
  h.google.injectFault({ kind: 'userRateLimitExceeded', account: LEADER.email, operation: 'events.list', retryAfterSeconds: 30 });
  const userLimited = await deliverSync(h, a.connectionId).then(() => undefined, (err: unknown) => err);
  t.type(userLimited, TransientError, 'A is retried later');
  t.ok((userLimited as TransientError).delayMs! >= 30_000, 'after at least Retry-After');
  t.ok((await storedConnection(h, a.connectionId)).notBefore, 'the pause is on A');
  t.equal(await pauseDoc(h), null, 'no app-wide pause for a per-user limit');
  h.google.clearRequests();
  await deliverSync(h, b.connectionId);
  t.ok(h.google.requests.some((r) => r.operation === 'events.list' && r.account === OTHER.email && r.status === 200), 'B still syncs');
  await h.app.db.collection('connections').updateOne({ connectionId: a.connectionId }, { $unset: { notBefore: 1 } });

  // Project-wide (403 rateLimitExceeded on A): B is paused too, without a single call to Google.
  h.google.injectFault({ kind: 'rateLimitExceeded', account: LEADER.email, operation: 'events.list', retryAfterSeconds: 8 });
  const appLimited = await deliverSync(h, a.connectionId).then(() => undefined, (err: unknown) => err);
  t.type(appLimited, TransientError);
  const doc = await pauseDoc(h);
  t.ok(doc && doc['notBefore'] > new Date(), 'the app pause is persisted');
  const fresh = new ProviderPauses(pauseModel(h.app.db), h.app.calendarSync.connections, { google: h.app.calendarSync.config.GOOGLE_CLIENT_ID, microsoft: 'x' }, () => new Date());
  t.ok(await fresh.appPausedUntil('google'), 'another instance (empty memory) sees the pause from the database');
  h.google.clearRequests();
  const bPaused = await deliverSync(h, b.connectionId).then(() => undefined, (err: unknown) => err);
  t.type(bPaused, TransientError, 'B is delayed');
  t.ok((bPaused as TransientError).delayMs! > 0);
  t.equal(h.google.requests.filter((r) => r.account === OTHER.email).length, 0, 'no call for B during the pause');

  // The last deliveries hand over to a fresh request instead of dead-lettering.
  const before = h.seen('calendar.sync.requested.v1').length;
  await deliverSync(h, b.connectionId, Consumers.calendarSync.syncRequested.maxDeliver - 1);
  await eventually(() => h.seen('calendar.sync.requested.v1').length > before, { what: 'a fresh request' });

  // Requested during the pause, synced after it.
  const late = h.google.insertEvent(OTHER.email, gslot(2, 'During the pause'));
  await requestSyncNow(h, b.connectionId);
  await eventually(async () => (await storedEvents(h, b.connectionId)).some((e) => e.providerEventId === late.id), { what: 'B after the pause', timeoutMs: 30_000 });
  const firstCall = h.google.requests.find((r) => r.account === OTHER.email && r.operation === 'events.list');
  t.ok(firstCall && firstCall.at >= doc!['notBefore'], 'B called Google only once the pause was over');
});

t.test('microsoft: 429 honours Retry-After on the connection; ApplicationThrottled pauses every connection', async (t) => {
  const h = await createHarness(t);
  const other = h.microsoft.addAccount({ displayName: 'Olle Ledare', mail: 'olle@contoso.example', timeZone: 'W. Europe Standard Time' });
  const a = await connectAs(h, 'microsoft', h.msAccount.id);
  const b = await connectAs(h, 'microsoft', other.id);
  await eventually(async () => (await storedConnection(h, a.connectionId)).lastSyncedAt !== undefined, { what: 'A synced' });
  await eventually(async () => (await storedConnection(h, b.connectionId)).lastSyncedAt !== undefined, { what: 'B synced' });

  h.microsoft.fault({ status: 429, retryAfterSeconds: 4, pathIncludes: '/calendarView/delta', accountId: h.msAccount.id });
  const started = Date.now();
  const limited = await deliverSync(h, a.connectionId).then(() => undefined, (err: unknown) => err);
  t.type(limited, TransientError);
  t.ok((limited as TransientError).delayMs! >= 4_000, 'Retry-After honoured in the redelivery delay');
  const notBefore = (await storedConnection(h, a.connectionId)).notBefore;
  t.ok(notBefore && notBefore.getTime() - started >= 4_000, 'and in the stored pause');
  h.microsoft.clearRequestLog();
  await deliverSync(h, b.connectionId);
  t.ok(h.microsoft.requestLog.some((r) => r.url.includes('/calendarView/delta') && r.accountId === other.id && r.status === 200), 'a per-mailbox 429 leaves B alone');
  t.equal(await h.app.db.collection('provider_pauses').findOne({ key: { $regex: '^microsoft:' } }), null);

  h.microsoft.fault({ status: 429, code: 'ApplicationThrottled', retryAfterSeconds: 8, pathIncludes: '/calendarView/delta', accountId: other.id });
  const appLimited = await deliverSync(h, b.connectionId).then(() => undefined, (err: unknown) => err);
  t.type(appLimited, TransientError);
  await h.app.db.collection('connections').updateOne({ connectionId: a.connectionId }, { $unset: { notBefore: 1 } });
  h.microsoft.clearRequestLog();
  const aPaused = await deliverSync(h, a.connectionId).then(() => undefined, (err: unknown) => err);
  t.type(aPaused, TransientError, 'A waits for the app pause');
  t.equal(h.microsoft.requestLog.filter((r) => r.accountId === h.msAccount.id).length, 0, 'no Graph call for A during it');

  const late = h.microsoft.createEvent(h.msAccount.id, mslot(1, 'During the pause'));
  await requestSyncNow(h, a.connectionId);
  await eventually(async () => (await storedEvents(h, a.connectionId)).some((e) => e.providerEventId === late.id), { what: 'A after the pause', timeoutMs: 30_000 });
});
