// ID-token verification against both fakes: genuine tokens give the identity; every faulty one is refused with its reason.
import { FakeClock, startGoogleFake, startMicrosoftFake } from '@ledarsteg/provider-fakes';
import t from 'tap';
import { createIdTokenVerifier, IdTokenError, type IdTokenErrorReason } from '../src/index.js';

const GOOGLE_CLIENT = { clientId: 'ledarsteg.apps.googleusercontent.com', clientSecret: 's', redirectUris: [] };
const KIM = { email: 'kim@example.com', name: 'Kim Ledare', sub: '104233199828392823441' };

async function refusal(p: Promise<unknown>): Promise<IdTokenError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof IdTokenError)) throw new Error(`expected an IdTokenError, got ${String(err)}`);
  return err;
}

t.test('google: the identity from a genuine token; each faulty token refused for its reason', async (t) => {
  const clock = new FakeClock(new Date('2026-03-02T09:00:00Z'));
  const fake = await startGoogleFake({ accounts: [KIM], clients: [GOOGLE_CLIENT], clock });
  t.teardown(() => fake.close());
  const verifier = createIdTokenVerifier({ provider: 'google', discoveryUrl: fake.openidConfigurationUrl, clientId: GOOGLE_CLIENT.clientId, now: () => clock.now() });
  const idToken = (scopes: string[], nonce = 'n-1') => fake.issueTokens({ clientId: GOOGLE_CLIENT.clientId, account: KIM.email, scopes, nonce }).id_token ?? '';

  t.same(await verifier.verify(idToken(['openid', 'email']), { nonce: 'n-1' }), { accountId: KIM.sub, email: KIM.email });
  t.same(await verifier.verify(idToken(['openid', 'email', 'profile']), {}), { accountId: KIM.sub, email: KIM.email, displayName: 'Kim Ledare' }, 'no nonce expected, none checked');
  t.match(await refusal(verifier.verify(idToken(['openid', 'email'], 'other'), { nonce: 'n-1' })), { reason: 'nonce' });
  t.match(await refusal(verifier.verify(idToken(['openid']), {})), { reason: 'claims', missingScope: 'email' }, 'no email scope, no address');

  const faults: [Parameters<typeof fake.injectIdTokenFault>[0]['kind'], IdTokenErrorReason][] = [
    ['foreign-key', 'signature'],
    ['wrong-audience', 'audience'],
    ['expired', 'expired'],
    ['replay', 'nonce'],
  ];
  for (const [kind, reason] of faults) {
    fake.injectIdTokenFault({ kind });
    t.equal((await refusal(verifier.verify(idToken(['openid', 'email'], 'fresh'), { nonce: 'fresh' }))).reason, reason, kind);
  }
  const other = createIdTokenVerifier({ provider: 'google', discoveryUrl: fake.openidConfigurationUrl, clientId: 'someone-else', now: () => clock.now() });
  t.equal((await refusal(other.verify(idToken(['openid', 'email']), {}))).reason, 'audience', 'our client id is the only audience');
  clock.advance(3 * 3600_000);
  t.equal((await refusal(verifier.verify(idToken(['openid', 'email']).replace(/\.[^.]+$/, '.AAAA'), {}))).reason, 'signature', 'a tampered signature');
  t.equal((await refusal(verifier.verify('not-a-jwt', {}))).reason, 'malformed');
});

t.test('microsoft: oid, tid and the address; profile and email release them; the tenant template is filled from tid', async (t) => {
  const fake = await startMicrosoftFake();
  t.teardown(() => fake.close());
  const account = fake.addAccount({ displayName: 'Maja Ledare', mail: 'maja@contoso.example', userPrincipalName: 'maja@contoso.onmicrosoft.com' });
  const client = fake.addClient();
  const verifier = createIdTokenVerifier({ provider: 'microsoft', discoveryUrl: fake.openidConfigurationUrl('organizations'), clientId: client.clientId });
  const idToken = (scopes: string[], nonce?: string) => fake.issueTokens(account.id, { clientId: client.clientId, scopes, ...(nonce ? { nonce } : {}) }).idToken ?? '';

  t.same(await verifier.verify(idToken(['openid', 'profile', 'email'], 'n'), { nonce: 'n' }), {
    accountId: account.id,
    email: 'maja@contoso.example',
    tenantId: account.tenantId,
    displayName: 'Maja Ledare',
  });
  t.match(await verifier.verify(idToken(['openid', 'profile']), {}), { email: 'maja@contoso.onmicrosoft.com' }, 'without email, the sign-in name');
  t.match(await refusal(verifier.verify(idToken(['openid', 'email']), {})), { reason: 'claims', missingScope: 'profile' }, 'no profile, no oid');

  const single = createIdTokenVerifier({ provider: 'microsoft', discoveryUrl: fake.openidConfigurationUrl(account.tenantId), clientId: client.clientId });
  t.match(await single.verify(idToken(['openid', 'profile']), {}), { accountId: account.id }, 'a tenant id: its concrete issuer');
  const elsewhere = createIdTokenVerifier({ provider: 'microsoft', discoveryUrl: fake.openidConfigurationUrl('00000000-0000-0000-0000-000000000001'), clientId: client.clientId });
  t.equal((await refusal(elsewhere.verify(idToken(['openid', 'profile']), {}))).reason, 'issuer', 'a token of another tenant');

  fake.injectIdTokenFault({ kind: 'foreign-key' });
  t.equal((await refusal(verifier.verify(idToken(['openid', 'profile']), {}))).reason, 'signature');
  fake.injectIdTokenFault({ kind: 'expired' });
  t.equal((await refusal(verifier.verify(idToken(['openid', 'profile']), {}))).reason, 'expired');
});

t.test('discovery: an unreachable provider is a discovery failure, retried on the next token; rotated keys are fetched', async (t) => {
  const fake = await startMicrosoftFake();
  t.teardown(() => fake.close());
  const account = fake.addAccount();
  const client = fake.addClient();
  const down = createIdTokenVerifier({ provider: 'microsoft', discoveryUrl: 'https://localhost:1/common/v2.0/.well-known/openid-configuration', clientId: client.clientId });
  const token = () => fake.issueTokens(account.id, { clientId: client.clientId, scopes: ['openid', 'profile'] }).idToken ?? '';
  t.equal((await refusal(down.verify(token(), {}))).reason, 'discovery');

  let reads = 0;
  const flaky = createIdTokenVerifier({ provider: 'microsoft', discoveryUrl: fake.openidConfigurationUrl('common'), clientId: client.clientId, keysCooldownMs: 0 });
  fake.fault({ area: 'identity', status: 503, pathIncludes: '/.well-known/' });
  t.equal((await refusal(flaky.verify(token(), {}))).reason, 'discovery', 'the document could not be read');
  t.ok(await flaky.verify(token(), {}), 'read again on the next token');
  reads = fake.requestLog.filter((r) => r.url.includes('/.well-known/')).length;
  fake.rotateSigningKey();
  t.ok(await flaky.verify(token(), {}), 'a token signed with a new key: the key set is read again');
  t.equal(fake.requestLog.filter((r) => r.url.includes('/.well-known/')).length, reads, 'the discovery document is kept');
});
