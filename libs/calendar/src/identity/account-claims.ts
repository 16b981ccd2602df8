// Who the account is, read from verified ID-token claims by each provider's documented rules.
import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { AccountIdentity, ProviderName } from '../provider.js';
import { IdTokenError } from './id-token-error.js';

const Text = Type.String({ minLength: 1, maxLength: 1024 });

/** developers.google.com/identity/openid-connect/openid-connect#an-id-tokens-payload */
const GoogleClaims = Type.Object({
  sub: Type.String({ minLength: 1, maxLength: 255 }),
  email: Type.Optional(Text),
  email_verified: Type.Optional(Type.Boolean()),
  name: Type.Optional(Text),
  azp: Type.Optional(Text),
});

/** learn.microsoft.com/entra/identity-platform/id-token-claims-reference (v2.0) */
const MicrosoftClaims = Type.Object({
  sub: Type.String({ minLength: 1, maxLength: 255 }),
  tid: Type.String({ minLength: 1, maxLength: 64 }),
  oid: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  email: Type.Optional(Text),
  preferred_username: Type.Optional(Text),
  name: Type.Optional(Text),
});

export interface VerifiedIdentity extends AccountIdentity {
  /** Microsoft: the tenant the account signed in to (`tid`). */
  tenantId?: string;
}

function check<T extends Parameters<typeof Value.Check>[0]>(schema: T, claims: unknown): Static<T> {
  if (Value.Check(schema, claims)) return claims as Static<T>;
  const first = Value.Errors(schema, claims).First();
  throw new IdTokenError('claims', `ID token claim ${first?.path ?? ''} unusable: ${first?.message ?? 'invalid'}`);
}

/** A plausible address: what calendars and notifications need, not a full RFC 5322 check. */
const ADDRESS = /^[^\s@]+@[^\s@]+$/;

export function identityFromClaims(provider: ProviderName, clientId: string, claims: Record<string, unknown>): VerifiedIdentity {
  if (provider === 'google') {
    const c = check(GoogleClaims, claims);
    // With one audience azp is optional; when present it must be us (Google: "validating an ID token").
    if (c.azp !== undefined && c.azp !== clientId) throw new IdTokenError('audience', 'ID token azp names another client');
    if (!c.email || !ADDRESS.test(c.email)) throw new IdTokenError('claims', 'Google ID token without an email address', { missingScope: 'email' });
    if (c.email_verified === false) throw new IdTokenError('claims', 'Google says the email address is not verified');
    return { accountId: c.sub, email: c.email, ...(c.name ? { displayName: c.name } : {}) };
  }
  const c = check(MicrosoftClaims, claims);
  // oid is the account's object id, the same for every app: released with the profile scope.
  if (!c.oid) throw new IdTokenError('claims', 'Microsoft ID token without oid', { missingScope: 'profile' });
  // email needs the email scope and an address on the account; preferred_username is the sign-in name, usually the address.
  const email = [c.email, c.preferred_username].find((v) => v !== undefined && ADDRESS.test(v));
  if (!email) throw new IdTokenError('claims', 'Microsoft ID token without an email address', { missingScope: 'email' });
  return { accountId: c.oid, email, tenantId: c.tid, ...(c.name ? { displayName: c.name } : {}) };
}
