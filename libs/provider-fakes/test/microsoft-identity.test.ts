// The Microsoft fake's identity platform: authorize + PKCE, token endpoint client auth, rotation, id_token, invalid_grant.
import { createHash, randomBytes } from 'node:crypto';
import t, { type Test } from 'tap';
import { createFakeTokenSource, startMicrosoftFake } from '../src/index.js';

const REDIRECT = 'https://localhost/callback';

async function setup(t: Test) {
  const fake = await startMicrosoftFake();
  t.teardown(() => fake.close());
  const account = fake.addAccount({ displayName: 'Ada Leader', mail: 'ada@contoso.example' });
  // A secret with characters that form-url-encoding changes, as simple-oauth2 encodes it before base64.
  const client = fake.addClient({ clientSecret: 'se+cr/et=~ x', redirectUris: [REDIRECT] });
  return { fake, account, client };
}

async function authorize(fake: { authority(t?: string): string }, params: Record<string, string>) {
  const res = await fetch(`${fake.authority('organizations')}/authorize?${new URLSearchParams(params)}`, { redirect: 'manual' });
  return { status: res.status, location: new URL(res.headers.get('location') ?? 'https://invalid/') };
}

async function token(fake: { authority(t?: string): string }, form: Record<string, string>, basic?: [string, string]) {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (basic) headers['authorization'] = `Basic ${Buffer.from(`${encodeURIComponent(basic[0])}:${encodeURIComponent(basic[1])}`).toString('base64')}`;
  const res = await fetch(`${fake.authority('organizations')}/token`, { method: 'POST', headers, body: new URLSearchParams(form).toString() });
  return { status: res.status, body: (await res.json()) as Record<string, string | number> };
}

t.test('authorization code with PKCE S256, Basic client auth, rotation and id_token', async (t) => {
  const { fake, account, client } = await setup(t);
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const scope = 'openid profile offline_access https://graph.microsoft.com/Calendars.ReadWrite';
  const auth = await authorize(fake, { client_id: client.clientId, response_type: 'code', redirect_uri: REDIRECT, scope, state: 'st8', code_challenge: challenge, code_challenge_method: 'S256' });
  t.equal(auth.status, 302);
  t.equal(auth.location.searchParams.get('state'), 'st8');
  const code = auth.location.searchParams.get('code')!;
  const wrong = await token(fake, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: 'nope' }, [client.clientId, client.clientSecret]);
  t.equal(wrong.body.error, 'invalid_grant', 'a wrong verifier fails (and burns the code)');

  const again = await authorize(fake, { client_id: client.clientId, response_type: 'code', redirect_uri: REDIRECT, scope, state: 's', code_challenge: challenge, code_challenge_method: 'S256' });
  const ok = await token(fake, { grant_type: 'authorization_code', code: again.location.searchParams.get('code')!, redirect_uri: REDIRECT, code_verifier: verifier }, [client.clientId, client.clientSecret]);
  t.equal(ok.status, 200);
  t.equal(ok.body.expires_in, 3600);
  t.type(ok.body.refresh_token, 'string');
  const claims = JSON.parse(Buffer.from(String(ok.body.id_token).split('.')[1]!, 'base64url').toString());
  t.match(claims, { name: 'Ada Leader', preferred_username: 'ada@contoso.example', oid: account.id, tid: account.tenantId, aud: client.clientId });

  const r1 = await token(fake, { grant_type: 'refresh_token', refresh_token: String(ok.body.refresh_token), client_id: client.clientId, client_secret: client.clientSecret });
  t.equal(r1.status, 200, 'client auth in the body works too');
  t.not(r1.body.refresh_token, ok.body.refresh_token, 'refresh tokens rotate');
  const r2 = await token(fake, { grant_type: 'refresh_token', refresh_token: String(ok.body.refresh_token) }, [client.clientId, client.clientSecret]);
  t.equal(r2.status, 200, 'the old refresh token keeps working');
  t.equal(r2.body.expires_in, 3600);

  fake.revokeGrants(account.id);
  const dead = await token(fake, { grant_type: 'refresh_token', refresh_token: String(r1.body.refresh_token) }, [client.clientId, client.clientSecret]);
  t.equal(dead.status, 400);
  t.equal(dead.body.error, 'invalid_grant');
});

t.test('no offline_access, no refresh token; bad client and reused code', async (t) => {
  const { fake, client } = await setup(t);
  const auth = await authorize(fake, { client_id: client.clientId, response_type: 'code', redirect_uri: REDIRECT, scope: 'Calendars.Read' });
  const code = auth.location.searchParams.get('code')!;
  const badClient = await token(fake, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT }, [client.clientId, 'wrong']);
  t.equal(badClient.status, 401);
  t.equal(badClient.body.error, 'invalid_client');
  const ok = await token(fake, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT }, [client.clientId, client.clientSecret]);
  t.equal(ok.status, 200);
  t.notOk('refresh_token' in ok.body);
  t.notOk('id_token' in ok.body);
  const reused = await token(fake, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT }, [client.clientId, client.clientSecret]);
  t.equal(reused.body.error, 'invalid_grant');
  const unregistered = await authorize(fake, { client_id: client.clientId, response_type: 'code', redirect_uri: 'https://evil.example/cb', scope: 'Calendars.Read' });
  t.equal(unregistered.status, 400, 'never redirects to an unregistered URI');
  fake.setConsent({ deny: true });
  const denied = await authorize(fake, { client_id: client.clientId, response_type: 'code', redirect_uri: REDIRECT, scope: 'Calendars.Read', state: 'x' });
  t.equal(denied.location.searchParams.get('error'), 'access_denied');
});

t.test('createFakeTokenSource refreshes through the token endpoint and surfaces invalid_grant', async (t) => {
  const { fake, account, client } = await setup(t);
  const issued = fake.issueTokens(account.id, { clientId: client.clientId });
  const source = createFakeTokenSource(fake, { clientId: client.clientId, clientSecret: client.clientSecret, accessToken: issued.accessToken, refreshToken: issued.refreshToken! });
  const next = await source.refresh();
  t.not(next, issued.accessToken);
  t.equal(await source.accessToken(), next);
  fake.revokeGrants(account.id);
  await t.rejects(source.refresh(), { code: 'invalid_grant' });
  t.equal(source.refreshes, 2);
});
