// The Microsoft fake as an OpenID Connect provider: discovery per tenant, JWKS, RS256 v2.0 ID tokens, refused
// permissions and ID-token faults.
import { createHash, randomBytes } from 'node:crypto';
import { createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet, type JWTPayload, jwtVerify } from 'jose';
import t, { type Test } from 'tap';
import { type MicrosoftFake, startMicrosoftFake } from '../src/index.js';

const REDIRECT = 'https://localhost/callback';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

async function setup(t: Test) {
  const fake = await startMicrosoftFake();
  t.teardown(() => fake.close());
  const account = fake.addAccount({ displayName: 'Ada Leader', mail: 'ada@contoso.example', userPrincipalName: 'ada@contoso.onmicrosoft.com', tenantId: TENANT });
  const client = fake.addClient({ redirectUris: [REDIRECT] });
  return { fake, account, client };
}

async function signIn(fake: MicrosoftFake, client: { clientId: string; clientSecret: string }, scope: string, nonce?: string) {
  const verifier = randomBytes(32).toString('base64url');
  const params = new URLSearchParams({
    client_id: client.clientId,
    response_type: 'code',
    redirect_uri: REDIRECT,
    scope,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...(nonce ? { nonce } : {}),
  });
  const back = new URL((await fetch(`${fake.authority('organizations')}/authorize?${params}`, { redirect: 'manual' })).headers.get('location') ?? '');
  const res = await fetch(`${fake.authority('organizations')}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: back.searchParams.get('code') ?? '',
      redirect_uri: REDIRECT,
      code_verifier: verifier,
      client_id: client.clientId,
      client_secret: client.clientSecret,
    }),
  });
  return (await res.json()) as Record<string, string>;
}

async function verify(fake: MicrosoftFake, clientId: string, idToken: string, tenant = 'organizations'): Promise<JWTPayload> {
  const discovery = (await (await fetch(fake.openidConfigurationUrl(tenant))).json()) as { issuer: string; jwks_uri: string };
  const jwks = createLocalJWKSet((await (await fetch(discovery.jwks_uri)).json()) as JSONWebKeySet);
  const { payload } = await jwtVerify(idToken, jwks, { audience: clientId });
  // The issuer is the discovery document's, with {tenantid} filled in from the token's tid.
  if (payload.iss !== discovery.issuer.replace('{tenantid}', String(payload['tid']))) throw new Error(`unexpected issuer ${payload.iss}`);
  return payload;
}

t.test('discovery per tenant: template issuer for common and organizations, concrete for consumers and a tenant id', async (t) => {
  const { fake } = await setup(t);
  const doc = async (tenant: string) => (await (await fetch(fake.openidConfigurationUrl(tenant))).json()) as Record<string, string>;
  const common = await doc('common');
  t.match(common, {
    issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0',
    authorization_endpoint: `${fake.url}/common/oauth2/v2.0/authorize`,
    token_endpoint: `${fake.url}/common/oauth2/v2.0/token`,
    jwks_uri: `${fake.url}/common/discovery/v2.0/keys`,
    id_token_signing_alg_values_supported: ['RS256'],
  });
  t.equal((await doc('organizations')).issuer, 'https://login.microsoftonline.com/{tenantid}/v2.0');
  t.equal((await doc('consumers')).issuer, 'https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0');
  t.equal((await doc(TENANT)).issuer, `https://login.microsoftonline.com/${TENANT}/v2.0`);
  const keys = (await (await fetch(common['jwks_uri']!)).json()) as { keys: Record<string, string>[] };
  t.match(keys.keys[0], { kty: 'RSA', alg: 'RS256', use: 'sig', kid: /^[0-9a-f]{40}$/ });
});

t.test('v2.0 ID token: documented claims, profile and email gate theirs, the nonce is echoed', async (t) => {
  const { fake, account, client } = await setup(t);
  const full = await signIn(fake, client, 'openid profile email offline_access Calendars.Read', 'n-1');
  const claims = await verify(fake, client.clientId, full['id_token']!);
  t.match(claims, {
    aud: client.clientId,
    iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    tid: TENANT,
    oid: account.id,
    name: 'Ada Leader',
    preferred_username: 'ada@contoso.onmicrosoft.com',
    email: 'ada@contoso.example',
    nonce: 'n-1',
    ver: '2.0',
  });
  t.ok(claims.sub && claims.sub !== account.id, 'sub is pairwise, not the object id');
  t.equal(claims.nbf, claims.iat);
  t.equal(full['scope'], 'https://graph.microsoft.com/Calendars.Read', 'the scope lists the Graph permissions');
  const bare = await verify(fake, client.clientId, (await signIn(fake, client, 'openid Calendars.Read'))['id_token']!);
  for (const claim of ['oid', 'name', 'preferred_username', 'email', 'nonce']) t.notOk(claim in bare, `no ${claim} without its scope`);
  t.equal(bare.sub, claims.sub, 'the same subject for the same client');
  t.notOk((await signIn(fake, client, 'Calendars.Read'))['id_token'], 'no openid, no ID token');
});

t.test('a tenant that refuses a permission: left out of the grant, the scope and the token', async (t) => {
  const { fake, account, client } = await setup(t);
  fake.setConsent({ refuseScopes: ['Calendars.ReadWrite'] });
  const tokens = await signIn(fake, client, 'openid offline_access Calendars.Read Calendars.ReadWrite');
  t.equal(tokens['scope'], 'https://graph.microsoft.com/Calendars.Read');
  t.same(fake.grants(account.id).at(-1)?.scopes, ['openid', 'offline_access', 'Calendars.Read']);
  const write = await fetch(`${fake.url}/v1.0/me/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens['access_token']}`, 'content-type': 'application/json' },
    body: JSON.stringify({ subject: 'x', start: { dateTime: '2026-12-01T09:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-12-01T10:00:00', timeZone: 'UTC' } }),
  });
  t.equal(write.status, 403, 'the refused permission is really missing');
  const refreshed = await fetch(`${fake.authority('organizations')}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens['refresh_token']!, scope: 'Calendars.ReadWrite', client_id: client.clientId, client_secret: client.clientSecret }),
  });
  t.match(await refreshed.json(), { error: 'invalid_grant', error_description: /AADSTS65001/ }, 'and cannot be had by refreshing');
});

t.test('ID-token faults and key rotation', async (t) => {
  const { fake, client } = await setup(t);
  const first = (await signIn(fake, client, 'openid profile', 'first'))['id_token']!;
  fake.injectIdTokenFault({ kind: 'foreign-key' });
  await t.rejects(verify(fake, client.clientId, (await signIn(fake, client, 'openid profile', 'n'))['id_token']!), { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  fake.injectIdTokenFault({ kind: 'wrong-audience' });
  await t.rejects(verify(fake, client.clientId, (await signIn(fake, client, 'openid profile', 'n'))['id_token']!), { code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'aud' });
  fake.injectIdTokenFault({ kind: 'expired' });
  await t.rejects(verify(fake, client.clientId, (await signIn(fake, client, 'openid profile', 'n'))['id_token']!), { code: 'ERR_JWT_EXPIRED' });
  fake.injectIdTokenFault({ kind: 'replay' });
  t.equal((await signIn(fake, client, 'openid profile', 'second'))['id_token'], first, 'the earlier token, with its own nonce');

  const kid = fake.rotateSigningKey();
  const after = (await signIn(fake, client, 'openid profile'))['id_token']!;
  t.equal(decodeProtectedHeader(after).kid, kid);
  await verify(fake, client.clientId, first);
  await verify(fake, client.clientId, after);
});
