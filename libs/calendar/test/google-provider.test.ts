// Google-specific adapter behaviour against the fake through the real @googleapis/calendar client.
import { FakeClock, type GoogleFake, startGoogleFake } from '@ledarsteg/provider-fakes';
import t, { type Test } from 'tap';
import { type CalendarProvider, type ProviderError, createGoogleProvider } from '../src/index.js';
import { CONTRACT_WINDOW, FAST_RETRY, collect } from './fixtures/contract/provider-contract.js';
import { GOOGLE_CLIENT, LEADER, fakeTokenSource } from './fixtures/google-harness.js';

async function setup(t: Test): Promise<{ fake: GoogleFake; provider: CalendarProvider }> {
  const fake = await startGoogleFake({ accounts: [LEADER], clients: [GOOGLE_CLIENT], clock: new FakeClock(new Date('2026-01-01T00:00:00Z')) });
  t.teardown(() => fake.close());
  const provider = createGoogleProvider({ tokens: fakeTokenSource(fake), rootUrl: fake.rootUrl, retry: FAST_RETRY });
  return { fake, provider };
}

const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as ProviderError);

t.test('the calendar zone costs one single-item events.list, under the events scope alone', async (t) => {
  const { fake, provider } = await setup(t);
  fake.clearRequests();
  t.same(await provider.calendarSettings(), { timeZone: LEADER.timeZone });
  t.same(
    fake.requests.map((r) => [r.operation, r.query.maxResults]),
    [['events.list', '1']],
  );
});

t.test('full sync asks for expanded events in the window, 2500 a page; incremental sends only the token', async (t) => {
  const { fake, provider } = await setup(t);
  fake.insertEvent(LEADER.email, { summary: 'A', start: { dateTime: '2026-01-06T10:00:00Z' }, end: { dateTime: '2026-01-06T11:00:00Z' } });
  const full = await collect(provider, undefined);
  const list = fake.requests.filter((r) => r.operation === 'events.list');
  t.match(list[0]?.query, { singleEvents: 'true', maxResults: '2500', showDeleted: 'false', timeMin: CONTRACT_WINDOW.start.toISOString() });
  fake.clearRequests();
  fake.insertEvent(LEADER.email, { summary: 'Far', start: { dateTime: '2027-06-01T10:00:00Z' }, end: { dateTime: '2027-06-01T11:00:00Z' } });
  const next = await collect(provider, full.cursor);
  const q = fake.requests[0]?.query ?? {};
  t.equal(q.syncToken, full.cursor);
  t.notOk('timeMin' in q || 'timeMax' in q || 'showDeleted' in q, 'no parameters Google forbids with syncToken');
  t.equal(next.changes.length, 1, 'changes outside the window are passed on for calendar-sync to filter');
});

t.test('each Google throttle and outage maps to a kind, without gaxios retrying behind our back', async (t) => {
  const { fake, provider } = await setup(t);
  const noRetry = createGoogleProvider({ tokens: fakeTokenSource(fake), rootUrl: fake.rootUrl, retry: { ...FAST_RETRY, attempts: 1 } });
  for (const kind of ['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded', 'tooManyRequests'] as const) {
    fake.injectFault({ kind, operation: 'events.list', retryAfterSeconds: 3 });
    const err = await failure(noRetry.calendarSettings());
    t.match(err, { kind: 'rate_limited', retryAfterMs: 3000 }, kind);
  }
  fake.injectFault({ kind: 'rateLimitExceeded', operation: 'events.list' });
  t.equal((await failure(noRetry.calendarSettings()))?.retryAfterMs, undefined, 'no Retry-After, none invented');
  fake.clearRequests();
  fake.injectFault({ kind: 'backendError', operation: 'events.list' });
  t.match(await failure(noRetry.calendarSettings()), { kind: 'unavailable', status: 500 });
  t.equal(fake.requests.length, 1, 'a failed GET is sent once per attempt');
  fake.clearRequests();
  fake.injectFault({ kind: 'backendError', operation: 'events.list', times: 2 });
  await provider.calendarSettings();
  t.equal(fake.requests.length, 3, 'withRetry owns the retries');
});

t.test('a 401 that survives a refresh is unauthorized; other 4xx are rejected', async (t) => {
  const { fake } = await setup(t);
  const stale = { accessToken: async () => 'ya29.unknown', refresh: async () => 'ya29.still-unknown' };
  const provider = createGoogleProvider({ tokens: stale, rootUrl: fake.rootUrl, retry: FAST_RETRY });
  t.match(await failure(provider.calendarSettings()), { kind: 'unauthorized', status: 401 });
  const good = createGoogleProvider({ tokens: fakeTokenSource(fake), rootUrl: fake.rootUrl, retry: FAST_RETRY, calendarId: 'someone-else@example.com' });
  t.match(await failure(good.calendarSettings()), { kind: 'not_found' });
  const empty = failure(collect(good, undefined, { start: CONTRACT_WINDOW.end, end: CONTRACT_WINDOW.start }));
  t.type(await empty, RangeError, 'an empty window is refused before any call');
});

t.test('upsertBlock writes a private, opaque, tagged event without reminders, and revives a block the leader deleted', async (t) => {
  const { fake, provider } = await setup(t);
  const block = { blockId: 'blk00001', start: new Date('2026-01-07T08:00:00Z'), end: new Date('2026-01-07T09:30:00Z'), timeZone: 'Europe/Stockholm', title: 'Ledartid', description: 'd' };
  await provider.upsertBlock(block);
  t.match(fake.getEvent(LEADER.email, 'blk00001'), {
    visibility: 'private',
    transparency: 'opaque',
    extendedProperties: { private: { ledarstegBlockId: 'blk00001' } },
    reminders: { useDefault: false, overrides: [] },
    start: { timeZone: 'Europe/Stockholm' },
  });
  fake.deleteEvent(LEADER.email, 'blk00001');
  await provider.upsertBlock(block);
  t.equal(fake.getEvent(LEADER.email, 'blk00001').status, 'confirmed');
  t.type(await failure(provider.upsertBlock({ ...block, blockId: 'NOT-base32' })), RangeError);
});

t.test('Google event fields map to the neutral event', async (t) => {
  const { fake, provider } = await setup(t);
  const ooo = fake.insertEvent(LEADER.email, {
    summary: 'Away',
    eventType: 'outOfOffice',
    start: { dateTime: '2026-01-08T08:00:00+01:00' },
    end: { dateTime: '2026-01-08T17:00:00+01:00' },
  });
  const tentative = fake.insertEvent(LEADER.email, {
    status: 'tentative',
    start: { dateTime: '2026-01-09T08:00:00Z', timeZone: 'UTC' },
    end: { dateTime: '2026-01-09T09:00:00Z', timeZone: 'UTC' },
    attendees: [{ email: LEADER.email, responseStatus: 'tentative' }, { email: 'x@example.com', organizer: true }],
    organizer: { email: 'x@example.com' },
  });
  const events = new Map(
    (await collect(provider, undefined)).changes.flatMap((c) => (c.type === 'upsert' ? [[c.event.providerEventId, c.event] as const] : [])),
  );
  t.match(events.get(ooo.id), { kind: 'outOfOffice', showAs: 'oof', busy: true, timeZone: 'Europe/Stockholm', start: '2026-01-08T07:00:00.000Z' });
  t.match(events.get(tentative.id), { status: 'tentative', showAs: 'tentative', selfResponse: 'tentative', hasTitle: false, attendeeCount: 2 });
  t.notOk(events.get(tentative.id)?.title);
});

t.test('a moved exception keeps its series and original start', async (t) => {
  const { fake, provider } = await setup(t);
  const master = fake.insertEvent(LEADER.email, {
    summary: 'Weekly',
    start: { dateTime: '2026-01-05T10:00:00', timeZone: 'Europe/Stockholm' },
    end: { dateTime: '2026-01-05T11:00:00', timeZone: 'Europe/Stockholm' },
    recurrence: ['RRULE:FREQ=WEEKLY;COUNT=2'],
  });
  fake.updateEvent(LEADER.email, `${master.id}_20260112T090000Z`, { start: { dateTime: '2026-01-13T10:00:00+01:00' }, end: { dateTime: '2026-01-13T11:00:00+01:00' } });
  const events = (await collect(provider, undefined)).changes.flatMap((c) => (c.type === 'upsert' ? [c.event] : []));
  const moved = events.find((e) => e.start === '2026-01-13T09:00:00.000Z');
  t.match(moved, { seriesId: master.id, originalStart: '2026-01-12T09:00:00.000Z' });
  t.equal(events.length, 2);
});

t.test('watch sends our secret as the channel token and stopWatch of an unknown channel succeeds', async (t) => {
  const { fake, provider } = await setup(t);
  const w = await provider.watch({ channelId: 'c1', address: 'http://127.0.0.1:9/nowhere', secret: 'tok', expiresAt: new Date('2026-01-02T00:00:00Z') });
  t.match(fake.channels[0], { id: 'c1', token: 'tok', expirationMs: Date.parse('2026-01-02T00:00:00Z') });
  t.equal(w.expiresAt.toISOString(), '2026-01-02T00:00:00.000Z');
  await provider.stopWatch(w);
  await provider.stopWatch({ ...w, channelId: 'never-opened' });
  t.ok(fake.channels[0]?.stopped);
});
