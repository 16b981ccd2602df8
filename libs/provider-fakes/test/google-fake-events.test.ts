// The Google fake's events.list, writes and error envelope, as Calendar v3 specifies them.
import t from 'tap';
import { ACCOUNT, EVENTS, startApi } from './fixtures/google-fake-api.js';

const timed = (day: string, from: string, to: string) => ({
  start: { dateTime: `2026-01-${day}T${from}:00Z` },
  end: { dateTime: `2026-01-${day}T${to}:00Z` },
});

t.test('timeMin bounds the end and timeMax the start, both exclusive; an empty range is 400 timeRangeEmpty', async (t) => {
  const { fake, call } = await startApi(t);
  fake.insertEvent(ACCOUNT, { id: 'ends0900', summary: 'ends at 9', ...timed('06', '08:00', '09:00') });
  fake.insertEvent(ACCOUNT, { id: 'starts1000', summary: 'starts at 10', ...timed('06', '10:00', '11:00') });
  fake.insertEvent(ACCOUNT, { id: 'spans', summary: 'spans', ...timed('06', '08:30', '10:30') });
  const res = await call('GET', EVENTS, { query: { timeMin: '2026-01-06T09:00:00Z', timeMax: '2026-01-06T10:00:00+00:00' } });
  t.equal(res.status, 200);
  t.same(res.body.items.map((e: { id: string }) => e.id), ['spans']);
  t.match(res.body, { kind: 'calendar#events', timeZone: 'Europe/Stockholm', accessRole: 'owner' });
  const empty = await call('GET', EVENTS, { query: { timeMin: '2026-01-06T10:00:00Z', timeMax: '2026-01-06T10:00:00Z' } });
  t.equal(empty.status, 400);
  t.equal(empty.body.error.errors[0].reason, 'timeRangeEmpty');
  t.equal((await call('GET', EVENTS, { query: { timeMin: '2026-01-06T10:00:00' } })).status, 400, 'an instant needs an offset');
});

t.test('syncToken: illegal companions are 400, deletions come back minimal, invalidation is the exact 410', async (t) => {
  const { fake, call } = await startApi(t);
  fake.insertEvent(ACCOUNT, { id: 'aaaaa', summary: 'A', ...timed('06', '08:00', '09:00') });
  const first = await call('GET', EVENTS, { query: { singleEvents: 'true' } });
  const token = first.body.nextSyncToken as string;
  t.ok(token);
  t.notOk(first.body.nextPageToken);
  for (const bad of ['timeMin', 'timeMax', 'updatedMin', 'q', 'iCalUID', 'orderBy', 'privateExtendedProperty']) {
    const value = bad.startsWith('time') || bad === 'updatedMin' ? '2026-01-01T00:00:00Z' : bad === 'orderBy' ? 'updated' : bad === 'privateExtendedProperty' ? 'k=v' : 'x';
    t.equal((await call('GET', EVENTS, { query: { syncToken: token, singleEvents: 'true', [bad]: value } })).status, 400, bad);
  }
  t.equal((await call('GET', EVENTS, { query: { syncToken: token, singleEvents: 'true', showDeleted: 'false' } })).status, 400);
  fake.deleteEvent(ACCOUNT, 'aaaaa');
  const next = await call('GET', EVENTS, { query: { syncToken: token, singleEvents: 'true' } });
  t.same(next.body.items.map((e: object) => Object.keys(e).sort()), [['etag', 'id', 'kind', 'status']]);
  fake.invalidateSyncTokens();
  const dead = await call('GET', EVENTS, { query: { syncToken: next.body.nextSyncToken, singleEvents: 'true' } });
  t.equal(dead.status, 410);
  t.same(dead.body, {
    error: {
      errors: [{ domain: 'calendar', reason: 'fullSyncRequired', message: 'Sync token is no longer valid, a full sync is required.', locationType: 'parameter', location: 'syncToken' }],
      code: 410,
      message: 'Sync token is no longer valid, a full sync is required.',
    },
  });
  t.equal((await call('GET', EVENTS, { query: { syncToken: 'garbage', singleEvents: 'true' } })).status, 410);
});

t.test('paging: maxResults, short and empty pages keep nextPageToken; nextSyncToken only at the end', async (t) => {
  const { fake, call } = await startApi(t);
  for (let i = 0; i < 5; i++) fake.insertEvent(ACCOUNT, { id: `evt0${i}`, ...timed('07', `0${i}:00`, `0${i}:30`) });
  fake.setPaging({ emptyPages: true });
  const seen: string[] = [];
  let pageToken: string | undefined;
  let pages = 0;
  let empties = 0;
  for (;;) {
    const res = await call('GET', EVENTS, { query: { maxResults: '2', ...(pageToken ? { pageToken } : {}) } });
    pages++;
    if (res.body.items.length === 0) empties++;
    seen.push(...res.body.items.map((e: { id: string }) => e.id));
    t.notOk(res.body.nextPageToken && res.body.nextSyncToken, 'never both');
    pageToken = res.body.nextPageToken;
    if (!pageToken) {
      t.ok(res.body.nextSyncToken);
      break;
    }
  }
  t.same(seen, ['evt00', 'evt01', 'evt02', 'evt03', 'evt04']);
  t.equal(pages, 6);
  t.equal(empties, 3);
  t.equal((await call('GET', EVENTS, { query: { pageToken: 'unknown' } })).status, 400);
});

t.test('filters: privateExtendedProperty (AND), showDeleted, updatedMin, eventTypes, orderBy rules', async (t) => {
  const { fake, call, } = await startApi(t);
  fake.insertEvent(ACCOUNT, { id: 'tagged01', extendedProperties: { private: { a: '1', b: '2' } }, ...timed('06', '08:00', '09:00') });
  fake.insertEvent(ACCOUNT, { id: 'tagged02', extendedProperties: { private: { a: '1' } }, eventType: 'focusTime', ...timed('06', '09:00', '10:00') });
  const both = await call('GET', EVENTS, { query: { privateExtendedProperty: ['a=1', 'b=2'] } });
  t.same(both.body.items.map((e: { id: string }) => e.id), ['tagged01']);
  t.same((await call('GET', EVENTS, { query: { eventTypes: 'focusTime' } })).body.items.map((e: { id: string }) => e.id), ['tagged02']);
  fake.clock.advance(60_000);
  fake.deleteEvent(ACCOUNT, 'tagged01');
  t.same((await call('GET', EVENTS)).body.items.map((e: { id: string }) => e.id), ['tagged02'], 'cancelled hidden');
  const withDeleted = await call('GET', EVENTS, { query: { showDeleted: 'true' } });
  t.same(withDeleted.body.items.map((e: { status: string }) => e.status).sort(), ['cancelled', 'confirmed']);
  const since = await call('GET', EVENTS, { query: { updatedMin: '2026-01-01T00:00:30Z' } });
  t.same(since.body.items.map((e: { id: string; status: string }) => [e.id, e.status]), [['tagged01', 'cancelled']], 'updatedMin includes deletions');
  t.equal((await call('GET', EVENTS, { query: { orderBy: 'startTime' } })).status, 400, 'startTime order needs singleEvents');
  t.equal((await call('GET', EVENTS, { query: { orderBy: 'startTime', singleEvents: 'true' } })).status, 200);
});

t.test('writes: client ids, 409 duplicate, patch replaces arrays, delete 204 then 410, 404 envelope', async (t) => {
  const { call } = await startApi(t);
  const body = { id: 'abcd00001', summary: 'S', attendees: [{ email: 'a@x.se' }, { email: 'b@x.se' }], extendedProperties: { private: { k: 'v' } }, ...timed('06', '08:00', '09:00') };
  const inserted = await call('POST', EVENTS, { body });
  t.equal(inserted.status, 200);
  t.match(inserted.body, { id: 'abcd00001', status: 'confirmed', organizer: { email: ACCOUNT, self: true }, iCalUID: 'abcd00001@google.com' });
  const dup = await call('POST', EVENTS, { body });
  t.equal(dup.status, 409);
  t.equal(dup.body.error.errors[0].reason, 'duplicate');
  t.equal((await call('POST', EVENTS, { body: { ...body, id: 'UPPER' } })).status, 400, 'ids are base32hex');
  const patched = await call('PATCH', `${EVENTS}/abcd00001`, { body: { attendees: [{ email: 'c@x.se' }], extendedProperties: { private: { k2: 'w' } } } });
  t.same(patched.body.attendees, [{ email: 'c@x.se' }], 'arrays replace wholesale');
  t.same(patched.body.extendedProperties.private, { k: 'v', k2: 'w' }, 'objects merge');
  t.not(patched.body.updated, undefined);
  const updated = await call('PUT', `${EVENTS}/abcd00001`, { body: { summary: 'only', ...timed('06', '10:00', '11:00') } });
  t.notOk(updated.body.attendees, 'update replaces every writable field');
  t.equal(updated.body.sequence, 1, 'a time change bumps sequence');
  t.equal((await call('DELETE', `${EVENTS}/abcd00001`)).status, 204);
  const again = await call('DELETE', `${EVENTS}/abcd00001`);
  t.equal(again.status, 410);
  t.equal(again.body.error.errors[0].reason, 'deleted');
  t.equal((await call('GET', `${EVENTS}/abcd00001`)).body.status, 'cancelled', 'GET still returns it');
  const missing = await call('GET', `${EVENTS}/nothere00`);
  t.match(missing.body, { error: { code: 404, errors: [{ reason: 'notFound' }] } });
  t.equal((await call('POST', EVENTS, { body: { ...timed('06', '10:00', '09:00') } })).status, 400, 'end before start');
});

t.test('access tokens: missing, expired (by the injectable clock) and revoked give 401 authError', async (t) => {
  const { fake, call } = await startApi(t);
  t.equal((await call('GET', EVENTS)).status, 200);
  const none = await call('GET', EVENTS, { token: '' });
  t.equal(none.status, 401);
  t.equal(none.body.error.errors[0].reason, 'authError');
  fake.clock.advance(3600_000);
  t.equal((await call('GET', EVENTS)).status, 401, 'expired after expires_in');
  const fresh = fake.issueTokens({ clientId: 'cid.apps.googleusercontent.com', account: ACCOUNT }).access_token;
  t.equal((await call('GET', EVENTS, { token: fresh })).status, 200);
  fake.revokeGrants(ACCOUNT);
  t.equal((await call('GET', EVENTS, { token: fresh })).status, 401);
});

t.test('faults hit the next N matching requests, per operation and account, and the log records them', async (t) => {
  const { fake, call } = await startApi(t);
  fake.injectFault({ kind: 'quotaExceeded', operation: 'events.list', times: 2, retryAfterSeconds: 7 });
  fake.injectFault({ kind: 'tooManyRequests', operation: 'events.insert', account: 'other@example.com' });
  const first = await call('GET', EVENTS);
  t.equal(first.status, 403);
  t.equal(first.headers.get('retry-after'), '7');
  t.match(first.body.error.errors[0], { domain: 'usageLimits', reason: 'quotaExceeded', message: 'Calendar usage limits exceeded.' });
  t.equal((await call('GET', EVENTS)).status, 403);
  t.equal((await call('GET', EVENTS)).status, 200, 'spent after two');
  t.equal((await call('POST', EVENTS, { body: timed('06', '08:00', '09:00') })).status, 200, 'another account\'s fault does not fire');
  fake.injectFault({ kind: 'backendError' });
  t.match((await call('GET', EVENTS)).body.error, { code: 500, errors: [{ reason: 'backendError' }] });
  t.same(
    fake.requests.map((r) => [r.operation, r.status, r.account]),
    [['events.list', 403, ACCOUNT], ['events.list', 403, ACCOUNT], ['events.list', 200, ACCOUNT], ['events.insert', 200, ACCOUNT], ['events.list', 500, ACCOUNT]],
  );
});

t.test('freeBusy merges opaque live events and reports unknown calendars', async (t) => {
  const { fake, call } = await startApi(t);
  fake.insertEvent(ACCOUNT, timed('06', '08:00', '09:00'));
  fake.insertEvent(ACCOUNT, timed('06', '08:30', '10:00'));
  fake.insertEvent(ACCOUNT, { transparency: 'transparent', ...timed('06', '11:00', '12:00') });
  const res = await call('POST', '/calendar/v3/freeBusy', {
    body: { timeMin: '2026-01-06T00:00:00Z', timeMax: '2026-01-07T00:00:00Z', items: [{ id: 'primary' }, { id: 'x@y.z' }] },
  });
  t.same(res.body.calendars.primary.busy, [{ start: '2026-01-06T08:00:00.000Z', end: '2026-01-06T10:00:00.000Z' }]);
  t.match(res.body.calendars['x@y.z'], { errors: [{ reason: 'notFound' }] });
});
