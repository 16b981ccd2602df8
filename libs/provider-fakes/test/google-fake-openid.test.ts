// The Google fake as an OpenID Connect provider: discovery, JWKS, RS256 ID tokens, granular consent and ID-token faults.
import { createHash, randomBytes } from 'node:crypto';
import { createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet, type JWTPayload, jwtVerify } from 'jose';
import t, { type Test } from 'tap';
import { type GoogleFake, startGoogleFake } from '../src/index.js';

const CLIENT = { clientId: 'web.apps.googleusercontent.com', clientSecret: 'secret', redirectUris: ['http://127.0.0.1:1/callback'] };
const OWNED = 'https://www.googleapis.com/auth/calendar.events.owned';
const ACCOUNT = { email: 'kim@example.com', name: 'Kim Ledare', sub: '104233199828392823441' };

async function setup(t: Test) {
  const fake = await startGoogleFake({ accounts: [ACCOUNT], clients: [CLIENT] });
  t.teardown(() => fake.close());
  return fake;
}

/** Consent in the "browser", then the code exchange; returns the token response and the redirect's granted scope. */
async function signIn(fake: GoogleFake, scope: string, nonce?: string) {
  const verifier = randomBytes(32).toString('base64url');
  const auth = new URL(fake.endpoints.oauth2AuthBaseUrl);
  for (const [k, v] of Object.entries({
    client_id: CLIENT.clientId,
    redirect_uri: CLIENT.redirectUris[0]!,
    response_type: 'code',
    scope,
    state: 'st',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...(nonce ? { nonce } : {}),
  }))
    auth.searchParams.set(k, v);
  const back = new URL((await fetch(auth, { redirect: 'manual' })).headers.get('location') ?? '');
  const res = await fetch(fake.endpoints.oauth2TokenUrl, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: back.searchParams.get('code') ?? '',
      redirect_uri: CLIENT.redirectUris[0]!,
      code_verifier: verifier,
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
    }),
  });
  return { granted: back.searchParams.get('scope'), tokens: (await res.json()) as Record<string, string> };
}

async function verify(fake: GoogleFake, idToken: string): Promise<JWTPayload> {
  const discovery = (await (await fetch(fake.openidConfigurationUrl)).json()) as { issuer: string; jwks_uri: string };
  const jwks = createLocalJWKSet((await (await fetch(discovery.jwks_uri)).json()) as JSONWebKeySet);
  const { payload } = await jwtVerify(idToken, jwks, { issuer: discovery.issuer, audience: CLIENT.clientId, currentDate: fake.clock.now() });
  return payload;
}

t.test('discovery names Google as issuer and this fake as every endpoint', async (t) => {
  const fake = await setup(t);
  const doc = (await (await fetch(fake.openidConfigurationUrl)).json()) as Record<string, unknown>;
  t.match(doc, {
    issuer: 'https://accounts.google.com',
    authorization_endpoint: fake.endpoints.oauth2AuthBaseUrl,
    token_endpoint: fake.endpoints.oauth2TokenUrl,
    revocation_endpoint: fake.endpoints.oauth2RevokeUrl,
    jwks_uri: `${fake.url}/oauth2/v3/certs`,
    id_token_signing_alg_values_supported: ['RS256'],
  });
  const jwks = (await (await fetch(String(doc['jwks_uri']))).json()) as { keys: Record<string, string>[] };
  t.match(jwks.keys[0], { kty: 'RSA', alg: 'RS256', use: 'sig', kid: /^[0-9a-f]{40}$/ });
});

t.test('openid email: a verifiable RS256 ID token with the documented claims and the nonce; profile adds the name', async (t) => {
  const fake = await setup(t);
  const { granted, tokens } = await signIn(fake, `openid email ${OWNED}`, 'n-123');
  t.equal(granted, `openid https://www.googleapis.com/auth/userinfo.email ${OWNED}`, 'the redirect reports the long names');
  t.equal(tokens['scope'], granted, 'so does the token response');
  const claims = await verify(fake, tokens['id_token']!);
  t.match(claims, { iss: 'https://accounts.google.com', aud: CLIENT.clientId, azp: CLIENT.clientId, sub: ACCOUNT.sub, email: ACCOUNT.email, email_verified: true, nonce: 'n-123' });
  t.equal(claims.exp! - claims.iat!, 3600);
  t.notOk('name' in claims, 'no profile scope, no name');
  t.equal(claims['at_hash'], createHash('sha256').update(tokens['access_token']!).digest().subarray(0, 16).toString('base64url'));
  const withProfile = await verify(fake, (await signIn(fake, 'openid profile email')).tokens['id_token']!);
  t.match(withProfile, { name: 'Kim Ledare', given_name: 'Kim', family_name: 'Ledare' });
  t.notOk('nonce' in withProfile, 'no nonce asked, none given');
  t.notOk((await signIn(fake, OWNED)).tokens['id_token'], 'without openid there is no ID token');
});

t.test('granular consent: an unticked scope is left out of the grant, both scope reports and the token', async (t) => {
  const fake = await setup(t);
  t.throws(() => fake.untickScopes(['email']), /sign-in scope/, 'sign-in scopes come together');
  fake.untickScopes([OWNED]);
  const { granted, tokens } = await signIn(fake, `openid email ${OWNED}`);
  t.equal(granted, 'openid https://www.googleapis.com/auth/userinfo.email');
  t.equal(tokens['scope'], granted);
  const list = await fetch(`${fake.rootUrl}calendar/v3/calendars/primary/events`, { headers: { authorization: `Bearer ${tokens['access_token']}` } });
  t.equal(list.status, 403, 'the calendar is out of reach');
  t.same(fake.grants(ACCOUNT.email).at(-1)?.scopes, ['openid', 'https://www.googleapis.com/auth/userinfo.email']);
  fake.untickScopes(undefined);
  t.equal((await signIn(fake, `openid ${OWNED}`)).granted, `openid ${OWNED}`, 'ticked again');
});

t.test('ID-token faults: each one is a token a relying party must refuse', async (t) => {
  const fake = await setup(t);
  const first = (await signIn(fake, 'openid email', 'first')).tokens['id_token']!;
  await verify(fake, first);

  fake.injectIdTokenFault({ kind: 'foreign-key' });
  const forged = (await signIn(fake, 'openid email', 'n')).tokens['id_token']!;
  t.equal(decodeProtectedHeader(forged).kid, decodeProtectedHeader(first).kid, 'names the published key');
  await t.rejects(verify(fake, forged), { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });

  fake.injectIdTokenFault({ kind: 'wrong-audience' });
  await t.rejects(verify(fake, (await signIn(fake, 'openid email', 'n')).tokens['id_token']!), { code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'aud' });

  fake.injectIdTokenFault({ kind: 'expired', times: 2 });
  await t.rejects(verify(fake, (await signIn(fake, 'openid email', 'n')).tokens['id_token']!), { code: 'ERR_JWT_EXPIRED' });
  await t.rejects(verify(fake, (await signIn(fake, 'openid email', 'n')).tokens['id_token']!), { code: 'ERR_JWT_EXPIRED' }, 'times: 2');

  fake.injectIdTokenFault({ kind: 'replay' });
  const replayed = (await signIn(fake, 'openid email', 'second')).tokens['id_token']!;
  t.equal(replayed, first, 'the earlier token again');
  t.equal((await verify(fake, replayed))['nonce'], 'first', 'whose nonce is not the one just sent');

  fake.injectIdTokenFault({ kind: 'expired' });
  fake.clearIdTokenFaults();
  t.equal((await verify(fake, (await signIn(fake, 'openid email', 'ok')).tokens['id_token']!))['nonce'], 'ok', 'cleared');
});

t.test('key rotation: new tokens carry the new kid, tokens signed before still verify', async (t) => {
  const fake = await setup(t);
  const before = (await signIn(fake, 'openid email')).tokens['id_token']!;
  const kid = fake.rotateSigningKey();
  const after = (await signIn(fake, 'openid email')).tokens['id_token']!;
  t.equal(decodeProtectedHeader(after).kid, kid);
  t.not(decodeProtectedHeader(before).kid, kid);
  await verify(fake, before);
  await verify(fake, after);
  const refreshed = fake.issueTokens({ clientId: CLIENT.clientId, account: ACCOUNT.email, scopes: ['openid', 'email'] });
  t.ok(refreshed.id_token, 'issueTokens with openid gives an ID token too');
});
