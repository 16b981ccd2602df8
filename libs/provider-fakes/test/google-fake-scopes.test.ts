// The Google fake refuses every method a token's scopes do not allow, with Google's own 403, as its table says.
import t from 'tap';
import { GOOGLE_METHOD_SCOPES } from '../src/index.js';
import { ACCOUNT, CLIENT, EVENTS, FULL_CALENDAR, startApi } from './fixtures/google-fake-api.js';

const AUTH = 'https://www.googleapis.com/auth/';
const when = { start: { dateTime: '2026-01-06T08:00:00Z' }, end: { dateTime: '2026-01-06T09:00:00Z' } };

/** One request per served method; the keys must be exactly the table's. */
const REQUESTS: Record<string, { method: string; path: string; body?: unknown }> = {
  'calendars.get': { method: 'GET', path: '/calendar/v3/calendars/primary' },
  'settings.get': { method: 'GET', path: '/calendar/v3/users/me/settings/timezone' },
  'events.list': { method: 'GET', path: EVENTS },
  'events.get': { method: 'GET', path: `${EVENTS}/seeded01` },
  'events.instances': { method: 'GET', path: `${EVENTS}/series01/instances` },
  'events.watch': { method: 'POST', path: `${EVENTS}/watch`, body: { id: 'chan', type: 'web_hook', address: 'http://127.0.0.1:9/hook' } },
  'events.insert': { method: 'POST', path: EVENTS, body: when },
  'events.patch': { method: 'PATCH', path: `${EVENTS}/seeded01`, body: { summary: 'x' } },
  'events.update': { method: 'PUT', path: `${EVENTS}/seeded01`, body: when },
  'events.delete': { method: 'DELETE', path: `${EVENTS}/doomed01` },
  'channels.stop': { method: 'POST', path: '/calendar/v3/channels/stop', body: { id: 'chan', resourceId: 'r' } },
  'freebusy.query': { method: 'POST', path: '/calendar/v3/freeBusy', body: { timeMin: '2026-01-06T00:00:00Z', timeMax: '2026-01-07T00:00:00Z', items: [{ id: 'primary' }] } },
};

t.test('the request list covers every method in the table', async (t) => {
  t.same(Object.keys(REQUESTS).sort(), Object.keys(GOOGLE_METHOD_SCOPES).sort());
});

t.test('each method accepts exactly the scopes of its row; anything else is 403 insufficientPermissions', async (t) => {
  const { fake, call } = await startApi(t);
  fake.insertEvent(ACCOUNT, { id: 'seeded01', ...when });
  fake.insertEvent(ACCOUNT, { id: 'doomed01', ...when });
  fake.insertEvent(ACCOUNT, {
    id: 'series01',
    start: { dateTime: '2026-01-06T08:00:00Z', timeZone: 'UTC' },
    end: { dateTime: '2026-01-06T09:00:00Z', timeZone: 'UTC' },
    recurrence: ['RRULE:FREQ=DAILY;COUNT=2'],
  });
  const every = [...new Set(Object.values(GOOGLE_METHOD_SCOPES).flatMap((row) => row.scopes)), `${AUTH}userinfo.email`, 'openid'];
  const tokenFor = new Map(every.map((scope) => [scope, fake.issueTokens({ clientId: CLIENT.clientId, account: ACCOUNT, scopes: [scope] }).access_token]));
  for (const [operation, { method, path, body }] of Object.entries(REQUESTS)) {
    const accepted = GOOGLE_METHOD_SCOPES[operation]!.scopes;
    for (const scope of every) {
      const res = await call(method, path, { token: tokenFor.get(scope)!, ...(body !== undefined ? { body } : {}) });
      const refused = res.status === 403 && res.body?.error?.errors?.[0]?.reason === 'insufficientPermissions';
      t.equal(refused, !accepted.includes(scope), `${operation} with ${scope.replace(AUTH, '')}: ${accepted.includes(scope) ? 'allowed' : 'refused'}`);
    }
  }
});

t.test("the refusal is Google's: envelope, status, ErrorInfo and WWW-Authenticate", async (t) => {
  const { fake, call } = await startApi(t);
  const eventsOnly = fake.issueTokens({ clientId: CLIENT.clientId, account: ACCOUNT, scopes: [`${AUTH}calendar.events`] }).access_token;
  const res = await call('GET', '/calendar/v3/calendars/primary', { token: eventsOnly });
  t.equal(res.status, 403, 'calendars.get does not accept calendar.events');
  t.same(res.body, {
    error: {
      code: 403,
      message: 'Request had insufficient authentication scopes.',
      errors: [{ domain: 'global', reason: 'insufficientPermissions', message: 'Insufficient Permission' }],
      status: 'PERMISSION_DENIED',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
          domain: 'googleapis.com',
          metadata: { service: 'calendar-json.googleapis.com', method: 'calendar.v3.Calendars.Get' },
        },
      ],
    },
  });
  t.match(res.headers.get('www-authenticate'), /error="insufficient_scope", scope=".*calendar\.readonly/);
  t.equal((await call('GET', EVENTS, { token: eventsOnly })).status, 200, 'events.list does');
  t.equal((await call('GET', EVENTS, { token: (await startApi(t)).token })).status, 401, "another fake's token is unknown here: 401 comes first");
  t.equal((await call('GET', '/calendar/v3/calendars/primary', { token: fake.issueTokens({ clientId: CLIENT.clientId, account: ACCOUNT, scopes: [FULL_CALENDAR] }).access_token })).status, 200);
});
