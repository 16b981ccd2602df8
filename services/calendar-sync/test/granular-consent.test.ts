// Connecting when the leader grants less than LedarSteg needs: nothing is linked, the grant is withdrawn where the
// provider allows it, and the leader gets a page (or an API client JSON) that says what is missing.
import t from 'tap';
import { BROWSER_ACCEPT, connectThroughBrowser, createHarness, LEADER } from './fixtures/harness.js';
import { connectionModel } from '../src/connections/connection-model.js';

t.setTimeout(120_000);
const OWNED = 'https://www.googleapis.com/auth/calendar.events.owned';

t.test('google: the leader unticks the calendar scope — nothing linked, grant revoked, the page explains', async (t) => {
  const h = await createHarness(t);
  h.google.untickScopes([OWNED]);
  const { callbackUrl, callback } = await connectThroughBrowser(h, 'google', { accept: BROWSER_ACCEPT });
  t.equal(callbackUrl.searchParams.get('scope'), 'openid https://www.googleapis.com/auth/userinfo.email', 'Google said what it granted');

  t.equal(callback.statusCode, 403);
  t.match(callback.headers['content-type'], /^text\/html; charset=utf-8/);
  t.equal(callback.headers['cache-control'], 'no-store');
  const html = callback.body;
  t.match(html, /<section lang="sv">.*Kalendern kopplades inte/s, 'Swedish');
  t.match(html, /<section lang="en">.*Your calendar was not connected/s, 'English');
  t.match(html, /se, skapa, ändra och ta bort händelser i dina egna kalendrar/, 'what is missing, in plain words (sv)');
  t.match(html, /see, create, change and delete events in the calendars you own/, 'and in English');
  t.notMatch(html, /calendar\.events\.owned/, 'no scope URLs for the leader to decode');
  t.match(html, /dragit tillbaka det du godkände hos Google/);
  t.match(html, /have withdrawn what you did allow at Google/);
  t.match(html, new RegExp(`<a class="button" href="${h.publicUrl}/connect/google">`), 'a way to try again');

  t.equal(await connectionModel(h.app.db).countDocuments({}).exec(), 0, 'no connection stored');
  const grants = h.google.grants(LEADER.email);
  t.equal(grants.length, 1);
  t.match(grants[0], { scopes: ['openid', 'https://www.googleapis.com/auth/userinfo.email'], revoked: true }, 'what was granted is revoked');
  t.ok(h.google.requests.some((r) => r.operation === 'oauth.revoke' && r.status === 200));
  t.notOk(h.google.requests.some((r) => r.operation && !r.operation.startsWith('oauth.')), 'no calendar call was even tried');
  await h.observed();
  t.same(h.seen('calendar.connection.linked.v1'), [], 'nothing announced');

  // Ticked this time: the same leader connects.
  h.google.untickScopes(undefined);
  const again = await connectThroughBrowser(h, 'google', { accept: BROWSER_ACCEPT });
  t.equal(again.callback.statusCode, 200);
  t.match(again.callback.body, /Kalendern är kopplad.*leader@example\.com/s);
  t.equal(again.callback.headers['cache-control'], 'no-store');
  t.equal(await connectionModel(h.app.db).countDocuments({ provider: 'google', email: LEADER.email }).exec(), 1);
});

t.test('google: an API client asking for JSON gets the refusal as data', async (t) => {
  const h = await createHarness(t);
  h.google.untickScopes([OWNED]);
  const { callback } = await connectThroughBrowser(h, 'google', { accept: 'application/json' });
  t.equal(callback.statusCode, 403);
  t.match(callback.headers['content-type'], /^application\/json/);
  t.same(callback.json(), {
    statusCode: 403,
    code: 'SYNC_ERR_SCOPES_MISSING',
    error: 'Forbidden',
    message: `Not everything LedarSteg needs was granted (missing: ${OWNED}); nothing was connected, connect again and allow it all`,
    missingScopes: [OWNED],
    withdrawn: 'revoked',
    retryUrl: `${h.publicUrl}/connect/google`,
  });
  t.equal(await connectionModel(h.app.db).countDocuments({}).exec(), 0);
});

t.test('microsoft: the tenant refuses Calendars.ReadWrite — nothing linked; Microsoft cannot revoke, and the page says so', async (t) => {
  const h = await createHarness(t);
  h.microsoft.setConsent({ refuseScopes: ['Calendars.ReadWrite'] });
  const { callback } = await connectThroughBrowser(h, 'microsoft', { accept: BROWSER_ACCEPT });
  t.equal(callback.statusCode, 403);
  t.match(callback.body, /skapa, ändra och ta bort händelser i din kalender/);
  t.match(callback.body, /create, change and delete events in your calendar/);
  t.notMatch(callback.body, /läsa din kalender och få veta/, 'only what is missing is listed');
  t.match(callback.body, /Microsoft låter inte en app dra tillbaka sin egen åtkomst/);
  t.match(callback.body, /does not let an app withdraw its own access; you can remove LedarSteg at myapps\.microsoft\.com/);
  t.match(callback.body, new RegExp(`href="${h.publicUrl}/connect/microsoft"`));
  t.equal(await connectionModel(h.app.db).countDocuments({}).exec(), 0, 'no connection stored');
  t.equal(h.microsoft.requestLog.filter((r) => r.area === 'graph').length, 0, 'no Graph call was made');
});

t.test('microsoft: without the profile scope the ID token has no account id — the page asks for it', async (t) => {
  const h = await createHarness(t);
  h.microsoft.setConsent({ refuseScopes: ['profile'] });
  const { callback } = await connectThroughBrowser(h, 'microsoft');
  t.equal(callback.statusCode, 403);
  t.match(callback.json(), { code: 'SYNC_ERR_SCOPES_MISSING', missingScopes: ['profile'], withdrawn: 'unsupported' });
  t.equal(await connectionModel(h.app.db).countDocuments({}).exec(), 0);
});

t.test('the ID token is verified: forged, foreign, expired or replayed tokens link nothing and the grant is revoked', async (t) => {
  const h = await createHarness(t);
  // A first, genuine connect: its ID token is the one a replay hands back.
  t.equal((await connectThroughBrowser(h, 'google')).callback.statusCode, 200);
  await connectionModel(h.app.db).deleteMany({}).exec();

  for (const kind of ['foreign-key', 'wrong-audience', 'expired', 'replay'] as const) {
    h.google.injectIdTokenFault({ kind });
    const { callback } = await connectThroughBrowser(h, 'google');
    t.equal(callback.statusCode, 400, kind);
    t.match(callback.json(), { code: 'SYNC_ERR_IDENTITY_REJECTED' }, kind);
    t.match(h.google.grants(LEADER.email).at(-1), { revoked: true }, `${kind}: the grant is withdrawn`);
  }
  t.equal(await connectionModel(h.app.db).countDocuments({}).exec(), 0, 'nothing linked');

  h.microsoft.injectIdTokenFault({ kind: 'foreign-key' });
  const ms = await connectThroughBrowser(h, 'microsoft', { accept: BROWSER_ACCEPT });
  t.equal(ms.callback.statusCode, 400);
  t.match(ms.callback.body, /Kalendern kunde inte kopplas.*The sign-in could not be verified \(signature\)/s, 'a browser gets a page for this too');
  t.equal(await connectionModel(h.app.db).countDocuments({}).exec(), 0);
});

t.test('a callback without the nonce cookie, from a sign-in started elsewhere, links nothing', async (t) => {
  const h = await createHarness(t);
  const start = await h.app.inject({ method: 'GET', url: '/connect/google' });
  const back = new URL(String((await fetch(String(start.headers.location), { redirect: 'manual' })).headers.get('location')));
  const cookies = ([start.headers['set-cookie']].flat() as string[]).map((c) => c.split(';')[0] ?? '').filter((c) => !c.startsWith('google-oauth2-nonce='));
  const callback = await h.app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, headers: { cookie: cookies.join('; ') } });
  t.equal(callback.statusCode, 400);
  t.match(callback.json(), { code: 'SYNC_ERR_BAD_CALLBACK' });
  t.equal(await connectionModel(h.app.db).countDocuments({}).exec(), 0);
  t.match(h.google.grants(LEADER.email).at(-1), { revoked: true });
});

t.test('what the pages show is escaped', async (t) => {
  const odd = `o'neil<b>&co@example.com`;
  const h = await createHarness(t, { googleAccounts: [{ email: odd, timeZone: 'Europe/Stockholm' }] });
  h.google.setConsentAccount(odd);
  const { callback } = await connectThroughBrowser(h, 'google', { accept: BROWSER_ACCEPT });
  t.equal(callback.statusCode, 200, callback.body);
  t.match(callback.body, /o&#39;neil&lt;b&gt;&amp;co@example\.com/);
  t.notMatch(callback.body, /<b>/);
  t.match(callback.headers['content-security-policy'], /default-src 'none'/);
});
