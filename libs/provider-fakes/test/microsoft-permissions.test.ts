// The Graph fake refuses every route a token's delegated permissions do not allow, with the 403 its table names.
import t from 'tap';
import { GRAPH_PERMISSIONS, startMicrosoftFake } from '../src/index.js';

const PROPERTY = 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name Tag';
const WINDOW = 'startDateTime=2026-11-30T00:00:00Z&endDateTime=2026-12-07T00:00:00Z';
const when = { start: { dateTime: '2026-12-01T09:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-12-01T10:00:00', timeZone: 'UTC' } };

/** One request per row (rows that share a route differ by query); `{id}` is an existing event, `{sub}` a subscription. */
function requestFor(row: (typeof GRAPH_PERMISSIONS)[number]): { method: string; path: string; body?: unknown } {
  const byProperty = row.when !== undefined;
  switch (`${row.method} ${row.route}`) {
    case 'GET /me':
      return { method: 'GET', path: '/me' };
    case 'GET /me/mailboxSettings':
      return { method: 'GET', path: '/me/mailboxSettings' };
    case 'GET /me/events':
      return {
        method: 'GET',
        path: byProperty ? `/me/events?$filter=${encodeURIComponent(`singleValueExtendedProperties/Any(ep: ep/id eq '${PROPERTY}' and ep/value eq '1')`)}` : '/me/events',
      };
    case 'POST /me/events':
      return { method: 'POST', path: '/me/events', body: { subject: 'x', ...when } };
    case 'GET /me/events/:id':
      return { method: 'GET', path: byProperty ? `/me/events/{id}?$expand=${encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${PROPERTY}')`)}` : '/me/events/{id}' };
    case 'PATCH /me/events/:id':
      return { method: 'PATCH', path: '/me/events/{id}', body: { subject: 'y' } };
    case 'DELETE /me/events/:id':
      return { method: 'DELETE', path: '/me/events/{doomed}' };
    case 'GET /me/calendarView':
      return { method: 'GET', path: `/me/calendarView?${WINDOW}` };
    case 'GET /me/events/:id/instances':
      return { method: 'GET', path: `/me/events/{id}/instances?${WINDOW}` };
    case 'GET /me/calendarView/delta':
      return { method: 'GET', path: `/me/calendarView/delta?${WINDOW}` };
    case 'POST /subscriptions':
      // The notification URL cannot be validated: an allowed request ends in 400, a refused one in 403.
      return { method: 'POST', path: '/subscriptions', body: { changeType: 'updated', notificationUrl: 'https://localhost:1/hook', resource: '/me/events', expirationDateTime: '2026-11-26T12:00:00Z' } };
    case 'PATCH /subscriptions/:id':
      return { method: 'PATCH', path: '/subscriptions/{sub}', body: { expirationDateTime: '2026-11-26T12:00:00Z' } };
    case 'DELETE /subscriptions/:id':
      return { method: 'DELETE', path: '/subscriptions/{sub}' };
    default:
      throw new Error(`no request for ${row.method} ${row.route}`);
  }
}

t.test('each route accepts exactly the permissions of its row; others get its 403', async (t) => {
  const fake = await startMicrosoftFake({ now: new Date('2026-11-25T12:00:00Z') });
  t.teardown(() => fake.close());
  const account = fake.addAccount({ mail: 'ada@contoso.example' });
  fake.addClient();
  const permissions = [...new Set(GRAPH_PERMISSIONS.flatMap((row) => row.accepted)), 'Mail.Read', 'openid'];
  const tokens = new Map(permissions.map((p) => [p, fake.issueTokens(account.id, { scopes: [p] }).accessToken]));
  for (const row of GRAPH_PERMISSIONS) {
    const { method, path, body } = requestFor(row);
    for (const permission of permissions) {
      // Fresh targets each time, so a permitted delete or patch never turns the next request into a 404.
      const id = fake.createEvent(account.id, { subject: 'a', ...when }).id;
      const doomed = fake.createEvent(account.id, { subject: 'b', ...when }).id;
      const url = `${fake.url}/v1.0${path.replace('{id}', encodeURIComponent(id)).replace('{doomed}', encodeURIComponent(doomed)).replace('{sub}', 'unknown')}`;
      const res = await fetch(url, {
        method,
        headers: { authorization: `Bearer ${tokens.get(permission)}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const json = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
      const allowed = row.accepted.some((a) => a.toLowerCase() === permission.toLowerCase());
      const what = `${row.method} ${row.route}${row.when ? ' (extended property)' : ''} with ${permission}`;
      if (allowed) t.not(res.status, 403, `${what}: allowed`);
      else t.match({ status: res.status, ...json.error }, { status: 403, code: row.denied.code, message: row.denied.message }, `${what}: refused`);
    }
  }
});

t.test('the documented specifics: /me is a directory refusal, writes need ReadWrite, subscriptions a read scope only', async (t) => {
  const fake = await startMicrosoftFake();
  t.teardown(() => fake.close());
  const account = fake.addAccount();
  fake.addClient();
  const call = async (scopes: string[], method: string, path: string, body?: unknown) => {
    const res = await fetch(`${fake.url}/v1.0${path}`, {
      method,
      headers: { authorization: `Bearer ${fake.issueTokens(account.id, { scopes }).accessToken}`, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json().catch(() => ({}))) as { error?: { code?: string } } };
  };
  t.match(await call(['Calendars.ReadWrite'], 'GET', '/me'), { status: 403, body: { error: { code: 'Authorization_RequestDenied' } } });
  t.match(await call(['Calendars.Read'], 'POST', '/me/events', { subject: 'x', ...when }), { status: 403, body: { error: { code: 'ErrorAccessDenied' } } });
  t.match(await call(['calendars.readwrite'], 'POST', '/me/events', { subject: 'x', ...when }), { status: 201 }, 'permission names compare case-insensitively');
  const sub = { changeType: 'updated', notificationUrl: 'https://localhost:1/hook', resource: '/me/events', expirationDateTime: new Date(Date.now() + 3600_000).toISOString() };
  t.match(await call(['Calendars.ReadWrite'], 'POST', '/subscriptions', sub), { status: 403, body: { error: { code: 'ExtensionError' } } }, 'write permissions do not stand in for the read scope');
  t.match(await call(['Calendars.ReadBasic'], 'GET', '/me/events'), { status: 200 }, 'basic details are enough to list');
});
