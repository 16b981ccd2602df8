// The fake's OAuth2 endpoints driven by the real auth.OAuth2 client (PKCE, offline, refresh, revoke) and by Basic auth.
import { auth } from '@googleapis/calendar';
import { FakeClock, startGoogleFake } from '@ledarsteg/provider-fakes';
import t from 'tap';

const CLIENT = { clientId: 'web.apps.googleusercontent.com', clientSecret: 'sec ret/+', redirectUris: ['http://127.0.0.1:1/callback'] };
const SCOPE = 'https://www.googleapis.com/auth/calendar.events';

t.test('authorization code with PKCE S256, offline access, refresh without a new refresh token, revoke', async (t) => {
  const fake = await startGoogleFake({ accounts: [{ email: 'a@example.com' }, { email: 'b@example.com' }], clients: [CLIENT], clock: new FakeClock(new Date('2026-01-01T00:00:00Z')) });
  t.teardown(() => fake.close());
  const client = new auth.OAuth2({ clientId: CLIENT.clientId, clientSecret: CLIENT.clientSecret, redirectUri: CLIENT.redirectUris[0], endpoints: fake.endpoints });
  const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
  const consent = async (extra: Record<string, string> = {}) => {
    const url = client.generateAuthUrl({ access_type: 'offline', scope: [SCOPE], state: 'st4te', login_hint: 'b@example.com', code_challenge: codeChallenge as string, code_challenge_method: 'S256' as never, ...extra });
    const res = await fetch(url, { redirect: 'manual' });
    t.equal(res.status, 302);
    return new URL(res.headers.get('location') ?? '');
  };
  const back = await consent();
  t.equal(back.searchParams.get('state'), 'st4te');
  const code = back.searchParams.get('code') ?? '';
  await t.rejects(client.getToken({ code, codeVerifier: `${codeVerifier}x` }), 'a wrong verifier is refused');
  const again = (await consent()).searchParams.get('code') ?? '';
  const { tokens } = await client.getToken({ code: again, codeVerifier });
  t.ok(tokens.refresh_token, 'first offline consent yields a refresh token');
  t.ok(tokens.expiry_date, 'expires_in was sent');
  await t.rejects(client.getToken({ code: again, codeVerifier }), 'codes are single-use');
  const second = await client.getToken({ code: (await consent()).searchParams.get('code') ?? '', codeVerifier });
  t.notOk(second.tokens.refresh_token, 'no refresh token on a repeat consent');
  const forced = await client.getToken({ code: (await consent({ prompt: 'consent' })).searchParams.get('code') ?? '', codeVerifier });
  t.ok(forced.tokens.refresh_token, 'prompt=consent gives one again');
  const raw = await fetch(fake.endpoints.oauth2TokenUrl, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${encodeURIComponent(CLIENT.clientId)}:${encodeURIComponent(CLIENT.clientSecret)}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' }),
  });
  const refreshed = (await raw.json()) as Record<string, unknown>;
  t.equal(raw.status, 200, 'HTTP Basic client auth with form-encoded credentials');
  t.ok(refreshed.access_token && refreshed.expires_in);
  t.notOk('refresh_token' in refreshed, 'refresh responses carry no refresh token');
  t.equal(fake.requests.filter((r) => r.operation === 'oauth.authorize').length, 4);
  await client.revokeToken(tokens.refresh_token ?? '');
  const dead = await fetch(fake.endpoints.oauth2TokenUrl, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '', client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret }),
  });
  t.equal(dead.status, 400);
  t.same(await dead.json(), { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
});

t.test('the authorization endpoint refuses unknown redirects and can be told to deny', async (t) => {
  const fake = await startGoogleFake({ accounts: [{ email: 'a@example.com' }], clients: [CLIENT] });
  t.teardown(() => fake.close());
  const base = `${fake.endpoints.oauth2AuthBaseUrl}?client_id=${CLIENT.clientId}&response_type=code&scope=${SCOPE}`;
  t.equal((await fetch(`${base}&redirect_uri=http://evil.example/cb`, { redirect: 'manual' })).status, 400);
  fake.denyConsent('access_denied');
  const res = await fetch(`${base}&redirect_uri=${encodeURIComponent(CLIENT.redirectUris[0] ?? '')}&state=s`, { redirect: 'manual' });
  const back = new URL(res.headers.get('location') ?? '');
  t.equal(back.searchParams.get('error'), 'access_denied');
  t.equal(back.searchParams.get('state'), 's');
  const wrongSecret = await fetch(fake.endpoints.oauth2TokenUrl, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'x', client_id: CLIENT.clientId, client_secret: 'nope' }) });
  t.equal(wrongSecret.status, 401);
});
