// The Microsoft fake through the real @microsoft/microsoft-graph-client: /me, mailbox settings, events, calendarView, auth and faults.
import t, { type Test } from 'tap';
import { graphError, graphSetup } from './fixtures/graph-client.js';

const PROP = 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name LedarstegBlockId';

const setup = (t: Test) => graphSetup(t, '2026-11-25T12:00:00Z');

const meeting = (start: string, end: string, extra: Record<string, unknown> = {}) => ({
  subject: 'Staff meeting',
  start: { dateTime: start, timeZone: 'W. Europe Standard Time' },
  end: { dateTime: end, timeZone: 'W. Europe Standard Time' },
  ...extra,
});

t.test('/me and /me/mailboxSettings', async (t) => {
  const { client, account } = await setup(t);
  const me = await client.api('/me').get();
  t.match(me, { id: account.id, displayName: 'Ada Leader', mail: 'ada@contoso.example', userPrincipalName: 'ada@contoso.example' });
  const settings = await client.api('/me/mailboxSettings').get();
  t.equal(settings.timeZone, 'W. Europe Standard Time');
  t.same(settings.workingHours.daysOfWeek, ['monday', 'tuesday', 'wednesday', 'thursday', 'friday']);
  t.equal(settings.workingHours.startTime, '08:00:00.0000000');
  t.same(settings.workingHours.timeZone, { name: 'W. Europe Standard Time' });
});

t.test('events: create (201), transactionId dedup, get, patch, delete, 404', async (t) => {
  const { client, fake, account } = await setup(t);
  const body = meeting('2026-11-30T09:00:00', '2026-11-30T10:00:00', { transactionId: 'tx-1' });
  const created = await client.api('/me/events').post(body);
  t.equal(created.type, 'singleInstance');
  t.same(created.start, { dateTime: '2026-11-30T08:00:00.0000000', timeZone: 'UTC' }, 'UTC unless Prefer says otherwise');
  t.equal(created.originalStartTimeZone, 'W. Europe Standard Time');
  const again = await client.api('/me/events').post(body);
  t.equal(again.id, created.id, 'same transactionId → the same event');
  t.equal(fake.listEvents(account.id).length, 1);
  const local = await client.api(`/me/events/${created.id}`).header('Prefer', 'outlook.timezone="Pacific Standard Time"').get();
  t.same(local.start, { dateTime: '2026-11-30T00:00:00.0000000', timeZone: 'Pacific Standard Time' });
  const patched = await client.api(`/me/events/${created.id}`).patch({ subject: 'Moved' });
  t.equal(patched.subject, 'Moved');
  t.not(patched.changeKey, created.changeKey);
  await client.api(`/me/events/${created.id}`).delete();
  const err = await graphError(client.api(`/me/events/${created.id}`).get());
  t.equal(err.statusCode, 404);
  t.equal(err.code, 'ErrorItemNotFound');
  t.ok(err.requestId, 'innerError request-id parsed by the client');
});

t.test('extended property $filter and $expand', async (t) => {
  const { client } = await setup(t);
  await client.api('/me/events').post(meeting('2026-11-30T09:00:00', '2026-11-30T10:00:00', { singleValueExtendedProperties: [{ id: PROP, value: 'abc123' }] }));
  await client.api('/me/events').post(meeting('2026-11-30T11:00:00', '2026-11-30T12:00:00'));
  const filter = `singleValueExtendedProperties/Any(ep: ep/id eq '${PROP}' and ep/value eq 'ABC123')`;
  const found = await client.api(`/me/events?$filter=${encodeURIComponent(filter)}`).get();
  t.equal(found.value.length, 1, 'value comparison is case-insensitive');
  t.notOk('singleValueExtendedProperties' in found.value[0], 'not returned without $expand');
  const expanded = await client.api(`/me/events?$expand=${encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${PROP}')`)}`).get();
  t.same(
    expanded.value.map((e: { singleValueExtendedProperties?: unknown }) => e.singleValueExtendedProperties),
    [[{ id: PROP, value: 'abc123' }], undefined],
  );
  const bad = await graphError(client.api(`/me/events?$filter=${encodeURIComponent("subject eq 'x'")}`).get());
  t.equal(bad.statusCode, 400);
});

t.test('calendarView: window required, zone preference, paging, recurrence expanded, all-day midnight', async (t) => {
  const { client, fake, account } = await setup(t);
  const missing = await graphError(client.api('/me/calendarView').get());
  t.equal(missing.statusCode, 400);
  const spaced = await graphError(client.api('/me/calendarView?startDateTime=2026-11-30T00:00:00+01:00&endDateTime=2026-12-07T00:00:00Z').get());
  t.equal(spaced.statusCode, 400, 'an unencoded + arrives as a space, as with real Graph');
  fake.createEvent(account.id, {
    ...meeting('2026-11-30T09:00:00', '2026-11-30T09:30:00'),
    subject: 'Standup',
    recurrence: { pattern: { type: 'daily', interval: 1 }, range: { type: 'numbered', startDate: '2026-11-30', numberOfOccurrences: 5 } },
  });
  fake.createEvent(account.id, { subject: 'Offsite', isAllDay: true, start: { dateTime: '2026-12-01T00:00:00', timeZone: 'W. Europe Standard Time' }, end: { dateTime: '2026-12-02T00:00:00', timeZone: 'W. Europe Standard Time' } });
  const rows: { type: string; start: { dateTime: string }; seriesMasterId: string | null; isAllDay: boolean }[] = [];
  let url: string | undefined = '/me/calendarView?startDateTime=2026-11-30T00:00:00Z&endDateTime=2026-12-07T00:00:00Z';
  let pages = 0;
  while (url) {
    const page = await client.api(url).header('Prefer', 'outlook.timezone="Tokyo Standard Time", odata.maxpagesize=2').get();
    rows.push(...page.value);
    url = page['@odata.nextLink'];
    pages++;
  }
  t.equal(pages, 3);
  t.equal(rows.length, 6);
  t.equal(rows.filter((r) => r.type === 'occurrence').length, 5);
  t.notOk(rows.some((r) => r.type === 'seriesMaster'), 'series masters only on /me/events');
  t.equal(rows.find((r) => r.type === 'occurrence')!.start.dateTime, '2026-11-30T17:00:00.0000000', '09:00 Berlin is 17:00 Tokyo');
  t.equal(rows.find((r) => r.isAllDay)!.start.dateTime, '2026-12-01T00:00:00.0000000', 'all-day stays midnight whatever the zone');
});

t.test('access tokens are checked on every call; revoked grants and expiry give 401 InvalidAuthenticationToken', async (t) => {
  const { client, fake, account, setToken } = await setup(t);
  setToken('not-a-token');
  t.equal((await graphError(client.api('/me').get())).code, 'InvalidAuthenticationToken');
  const fresh = fake.issueTokens(account.id).accessToken;
  setToken(fresh);
  t.equal((await client.api('/me').get()).id, account.id);
  fake.clock.advance(3601_000);
  t.equal((await graphError(client.api('/me').get())).statusCode, 401, 'expired by the injected clock');
  setToken(fake.issueTokens(account.id).accessToken);
  fake.revokeGrants(account.id);
  t.equal((await graphError(client.api('/me').get())).statusCode, 401);
});

t.test('scopes: writes need Calendars.ReadWrite', async (t) => {
  const { client, fake, account, setToken } = await setup(t);
  setToken(fake.issueTokens(account.id, { scopes: ['Calendars.Read'] }).accessToken);
  const err = await graphError(client.api('/me/events').post(meeting('2026-11-30T09:00:00', '2026-11-30T10:00:00')));
  t.equal(err.statusCode, 403);
  t.equal(err.code, 'ErrorAccessDenied');
});

t.test('faults: 429 with and without Retry-After, 503/504/500, slow, per account, request log', async (t) => {
  const { client, fake, account } = await setup(t);
  const other = fake.addAccount();
  fake.fault({ status: 429, retryAfterSeconds: 7, accountId: account.id, pathIncludes: '/me/calendarView' });
  // The SDK's own RetryHandler would retry 429/503/504; switch it off per request to see the raw answer.
  const { RetryHandlerOptions } = await import('@microsoft/microsoft-graph-client');
  const noRetry = [new RetryHandlerOptions(0, 0)];
  const limited = await graphError(client.api('/me/calendarView?startDateTime=2026-11-30T00:00:00Z&endDateTime=2026-12-01T00:00:00Z').middlewareOptions(noRetry).get());
  t.equal(limited.statusCode, 429);
  t.equal(limited.headers?.get('retry-after'), '7');
  fake.fault({ status: 429 });
  const bare = await graphError(client.api('/me').middlewareOptions(noRetry).get());
  t.equal(bare.statusCode, 429);
  t.equal(bare.headers?.get('retry-after'), null, 'no Retry-After when none was asked for');
  for (const status of [503, 504, 500]) {
    fake.fault({ status });
    t.equal((await graphError(client.api('/me').middlewareOptions(noRetry).get())).statusCode, status);
  }
  fake.fault({ status: 503, accountId: other.id, times: 2 });
  t.equal((await client.api('/me').get()).id, account.id, 'a fault for another account does not touch this one');
  fake.fault({ delayMs: 50 });
  t.equal((await client.api('/me').get()).id, account.id, 'a slow-only fault still answers');
  fake.fault({ status: 503, retryAfterSeconds: 0, times: 1 });
  t.equal((await client.api('/me').get()).id, account.id, 'the SDK RetryHandler retries a 503 with Retry-After 0');
  t.ok(fake.countRequests('/me') >= 8);
  t.equal(fake.requestLog.at(-1)?.accountId, account.id);
});
