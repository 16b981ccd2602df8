// Verifies an OpenID Connect ID token with jose: signature against the provider's JWK Set from its discovery document,
// issuer, audience (our client id), expiry and the nonce we sent; then reads the account's identity from it.
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { createRemoteJWKSet, decodeJwt, errors, type JWTPayload, jwtVerify } from 'jose';
import type { ProviderName } from '../provider.js';
import { identityFromClaims, type VerifiedIdentity } from './account-claims.js';
import { IdTokenError } from './id-token-error.js';

export interface IdTokenVerifierOptions {
  provider: ProviderName;
  /**
   * The provider's discovery document: https://accounts.google.com/.well-known/openid-configuration, or
   * https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration. It is the trust anchor: the
   * issuer and the JWK Set it names are the ones tokens are checked against.
   */
  discoveryUrl: string;
  /** Our OAuth client id: the only audience accepted. */
  clientId: string;
  now?: () => Date;
  /** Clock skew allowed on exp, iat and nbf; default 60 s. */
  clockToleranceSeconds?: number;
  /** How long a discovery document is used before it is read again; default 24 h. */
  discoveryMaxAgeMs?: number;
  /**
   * After reading the JWK Set, how long a token naming an unknown `kid` is refused before the set is read again;
   * default 30 s (jose's). Providers publish a new key before they sign with it, so this rarely matters.
   */
  keysCooldownMs?: number;
}

export interface IdTokenVerifier {
  /** Resolves with the identity, or rejects with an IdTokenError saying why the token was refused. */
  verify(idToken: string, expected: { nonce?: string }): Promise<VerifiedIdentity>;
}

const Discovery = Type.Object({
  issuer: Type.String({ minLength: 1, maxLength: 2048 }),
  jwks_uri: Type.String({ minLength: 1, maxLength: 2048 }),
  id_token_signing_alg_values_supported: Type.Optional(Type.Array(Type.String())),
});

interface Trusted {
  issuer: string;
  /** jose caches the keys and fetches the set again when a token names a kid it does not know (key rotation). */
  keys: ReturnType<typeof createRemoteJWKSet>;
}

/** Only RS256: both providers sign ID tokens with it, and accepting less invites algorithm confusion. */
const ALGORITHMS = ['RS256'];

async function readDiscovery(url: string, keysCooldownMs: number): Promise<Trusted> {
  let body: unknown;
  try {
    const res = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`status ${res.status}`);
    body = await res.json();
  } catch (err) {
    throw new IdTokenError('discovery', 'the OpenID Connect discovery document could not be read', { cause: err });
  }
  if (!Value.Check(Discovery, body) || !URL.canParse(body.jwks_uri)) throw new IdTokenError('discovery', 'the discovery document lacks issuer or jwks_uri');
  // Keys fetched over plain http could be swapped on the way: only a document itself served over http (a local fake) may point there.
  if (url.startsWith('https:') && !body.jwks_uri.startsWith('https:')) throw new IdTokenError('discovery', 'the discovery document points at keys over plain http');
  return { issuer: body.issuer, keys: createRemoteJWKSet(new URL(body.jwks_uri), { timeoutDuration: 10_000, cooldownDuration: keysCooldownMs }) };
}

/**
 * The issuers a token may name. Google: its issuer, with or without the scheme ("accounts.google.com" also occurs).
 * Microsoft: for common/organizations the document's issuer is a template, https://login.microsoftonline.com/{tenantid}/v2.0,
 * filled with the token's tid; for a single tenant it is concrete and the token must match it exactly.
 */
function acceptedIssuers(provider: ProviderName, issuer: string, unverified: JWTPayload): string[] {
  if (provider === 'google') return [issuer, issuer.replace(/^https:\/\//, '')];
  if (!issuer.includes('{tenantid}')) return [issuer];
  const tid = unverified['tid'];
  if (typeof tid !== 'string' || !/^[0-9a-f-]{36}$/i.test(tid)) throw new IdTokenError('claims', 'Microsoft ID token without a tenant id');
  return [issuer.replace('{tenantid}', tid.toLowerCase())];
}

function refusal(err: unknown): IdTokenError {
  if (err instanceof IdTokenError) return err;
  if (err instanceof errors.JWTExpired) return new IdTokenError('expired', 'the ID token has expired', { cause: err });
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'aud') return new IdTokenError('audience', 'the ID token is for another client', { cause: err });
    if (err.claim === 'iss') return new IdTokenError('issuer', 'the ID token is from another issuer', { cause: err });
    if (err.claim === 'iat' || err.claim === 'nbf') return new IdTokenError('not_yet_valid', 'the ID token is not valid yet', { cause: err });
    return new IdTokenError('claims', `the ID token claim ${err.claim} is invalid`, { cause: err });
  }
  if (err instanceof errors.JWSSignatureVerificationFailed || err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JOSEAlgNotAllowed) {
    return new IdTokenError('signature', 'the ID token is not signed by the provider', { cause: err });
  }
  if (err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid) return new IdTokenError('discovery', 'the provider keys could not be read', { cause: err });
  if (err instanceof errors.JOSEError) return new IdTokenError('malformed', 'the ID token cannot be read', { cause: err });
  return new IdTokenError('discovery', 'the provider keys could not be read', { cause: err });
}

export function createIdTokenVerifier(opts: IdTokenVerifierOptions): IdTokenVerifier {
  const now = opts.now ?? (() => new Date());
  const maxAge = opts.discoveryMaxAgeMs ?? 24 * 3600_000;
  let cached: { readAt: number; doc: Promise<Trusted> } | undefined;

  /** The discovery document, read at first use and again after maxAge; a failed read is forgotten, so the next call retries. */
  const discovery = (): Promise<Trusted> => {
    if (!cached || Date.now() - cached.readAt >= maxAge) {
      const entry = { readAt: Date.now(), doc: readDiscovery(opts.discoveryUrl, opts.keysCooldownMs ?? 30_000) };
      cached = entry;
      entry.doc.catch(() => {
        if (cached === entry) cached = undefined;
      });
    }
    return cached.doc;
  };

  return {
    async verify(idToken, expected) {
      try {
        let unverified: JWTPayload;
        try {
          unverified = decodeJwt(idToken);
        } catch (err) {
          throw new IdTokenError('malformed', 'the ID token cannot be read', { cause: err });
        }
        const { issuer, keys } = await discovery();
        const { payload } = await jwtVerify(idToken, keys, {
          algorithms: ALGORITHMS,
          issuer: acceptedIssuers(opts.provider, issuer, unverified),
          audience: opts.clientId,
          currentDate: now(),
          clockTolerance: opts.clockToleranceSeconds ?? 60,
          requiredClaims: ['iss', 'sub', 'aud', 'exp', 'iat'],
        });
        if (expected.nonce !== undefined && payload['nonce'] !== expected.nonce) {
          throw new IdTokenError('nonce', 'the ID token does not carry the nonce of this sign-in');
        }
        return identityFromClaims(opts.provider, opts.clientId, payload);
      } catch (err) {
        throw refusal(err);
      }
    },
  };
}
