// OAuth clients, consents, authorization codes, grants, access tokens and ID tokens of the fake Google identity server.
import { createHash, randomBytes } from 'node:crypto';
import { halfHash, type IdTokenMinter } from '../oidc/id-token-faults.js';
import type { FakeClock } from './clock.js';

/** The issuer of Google ID tokens (https://developers.google.com/identity/openid-connect/openid-connect#validatinganidtoken). */
export const GOOGLE_ISSUER = 'https://accounts.google.com';

/**
 * Google reports the sign-in scopes `email` and `profile` by their long names in the token response's `scope`
 * (`openid` keeps its name); the grant stores what Google reports.
 */
const LONG_NAMES: Record<string, string> = {
  email: 'https://www.googleapis.com/auth/userinfo.email',
  profile: 'https://www.googleapis.com/auth/userinfo.profile',
};
export function normalizeScope(scope: string): string {
  return LONG_NAMES[scope] ?? scope;
}
/** The sign-in scopes are granted together; the consent screen lets a user untick only the others. */
export const SIGN_IN_SCOPES = new Set(['openid', LONG_NAMES['email'], LONG_NAMES['profile']]);

/** Who an account is, as its ID token tells it. */
export interface AccountIdentity {
  email: string;
  /** Google's stable account id (`sub`). */
  sub: string;
  name: string;
}

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  /** Allowed redirect URIs; empty allows any (handy for tests). */
  redirectUris: string[];
}

export interface Grant {
  id: string;
  clientId: string;
  account: string;
  /** What the user granted, as Google names it in the token response. */
  scopes: string[];
  refreshToken?: string;
  revoked: boolean;
}

export interface AccessToken {
  token: string;
  grantId: string;
  account: string;
  expiresAtMs: number;
}

interface AuthCode {
  clientId: string;
  account: string;
  scopes: string[];
  redirectUri: string;
  offline: boolean;
  forceConsent: boolean;
  challenge?: { value: string; method: 'S256' | 'plain' };
  /** The authorization request's nonce, echoed in the ID token. */
  nonce?: string;
  expiresAtMs: number;
}

export interface IssuedTokens {
  access_token: string;
  expires_in: number;
  token_type: 'Bearer';
  scope: string;
  refresh_token?: string;
  /** When `openid` was granted. */
  id_token?: string;
}

export class OAuthState {
  readonly clients = new Map<string, OAuthClient>();
  readonly grants = new Map<string, Grant>();
  readonly #codes = new Map<string, AuthCode>();
  readonly #accessTokens = new Map<string, AccessToken>();
  readonly #refreshTokens = new Map<string, string>();
  readonly #consented = new Set<string>();

  constructor(
    private readonly clock: FakeClock,
    readonly accessTokenTtlSeconds: number,
    private readonly idTokens: IdTokenMinter,
    private readonly identityOf: (account: string) => AccountIdentity,
  ) {}

  newCode(code: Omit<AuthCode, 'expiresAtMs'>): string {
    const value = `4/${randomBytes(24).toString('base64url')}`;
    this.#codes.set(value, { ...code, expiresAtMs: this.clock.nowMs() + 10 * 60_000 });
    return value;
  }

  /** Redeems a code once; undefined when unknown, used, expired, or the redirect/verifier does not match. */
  redeemCode(value: string, clientId: string, redirectUri: string | undefined, verifier: string | undefined): IssuedTokens | undefined {
    const code = this.#codes.get(value);
    this.#codes.delete(value);
    if (!code || code.clientId !== clientId || code.expiresAtMs < this.clock.nowMs()) return undefined;
    if (redirectUri !== code.redirectUri) return undefined;
    if (code.challenge) {
      if (!verifier || !/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) return undefined;
      const derived = code.challenge.method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
      if (derived !== code.challenge.value) return undefined;
    } else if (verifier !== undefined) {
      return undefined;
    }
    const consentKey = `${clientId}\n${code.account}`;
    // Google hands out a refresh token for offline access on first consent, or again when consent is forced.
    const withRefresh = code.offline && (!this.#consented.has(consentKey) || code.forceConsent);
    this.#consented.add(consentKey);
    return this.issue(clientId, code.account, code.scopes, withRefresh, code.nonce);
  }

  /** Creates a grant and its first tokens (also used directly by tests that skip the browser step). */
  issue(clientId: string, account: string, scopes: string[], withRefresh: boolean, nonce?: string): IssuedTokens {
    const granted = [...new Set(scopes.map(normalizeScope))];
    const grant: Grant = { id: randomBytes(8).toString('hex'), clientId, account, scopes: granted, revoked: false };
    if (withRefresh) {
      grant.refreshToken = `1//${randomBytes(32).toString('base64url')}`;
      this.#refreshTokens.set(grant.refreshToken, grant.id);
    }
    this.grants.set(grant.id, grant);
    const tokens = this.#accessFor(grant, nonce);
    return grant.refreshToken ? { ...tokens, refresh_token: grant.refreshToken } : tokens;
  }

  /** A refresh answers with a new access token (and, for `openid` grants, a new ID token) but no refresh token. */
  refresh(refreshToken: string, clientId: string): IssuedTokens | undefined {
    const grant = this.grants.get(this.#refreshTokens.get(refreshToken) ?? '');
    if (!grant || grant.revoked || grant.clientId !== clientId) return undefined;
    return this.#accessFor(grant);
  }

  /** The scopes the grant behind a live access token holds. */
  scopesOf(token: AccessToken): readonly string[] {
    return this.grants.get(token.grantId)?.scopes ?? [];
  }

  /** Revokes the grant behind an access or refresh token; false when the token is unknown. */
  revokeToken(token: string): boolean {
    const grantId = this.#refreshTokens.get(token) ?? this.#accessTokens.get(token)?.grantId;
    const grant = grantId ? this.grants.get(grantId) : undefined;
    if (!grant) return false;
    grant.revoked = true;
    return true;
  }

  revokeGrants(account: string, clientId?: string): number {
    let n = 0;
    for (const g of this.grants.values()) {
      if (g.account === account && (clientId === undefined || g.clientId === clientId) && !g.revoked) {
        g.revoked = true;
        n++;
      }
    }
    return n;
  }

  /** The account a bearer token acts for, or undefined when it is unknown, expired or revoked. */
  authenticate(token: string): AccessToken | undefined {
    const found = this.#accessTokens.get(token);
    if (!found || found.expiresAtMs <= this.clock.nowMs()) return undefined;
    return this.grants.get(found.grantId)?.revoked ? undefined : found;
  }

  /** Makes every live access token of `account` (or all) expire now. */
  expireAccessTokens(account?: string): void {
    for (const t of this.#accessTokens.values()) if (account === undefined || t.account === account) t.expiresAtMs = this.clock.nowMs();
  }

  #accessFor(grant: Grant, nonce?: string): IssuedTokens {
    const token = `ya29.${randomBytes(32).toString('base64url')}`;
    this.#accessTokens.set(token, {
      token,
      grantId: grant.id,
      account: grant.account,
      expiresAtMs: this.clock.nowMs() + this.accessTokenTtlSeconds * 1000,
    });
    const issued: IssuedTokens = { access_token: token, expires_in: this.accessTokenTtlSeconds, token_type: 'Bearer', scope: grant.scopes.join(' ') };
    if (grant.scopes.includes('openid')) issued.id_token = this.#idToken(grant, token, nonce);
    return issued;
  }

  /** The claims Google documents for its ID tokens (developers.google.com/identity/openid-connect/openid-connect#an-id-tokens-payload). */
  #idToken(grant: Grant, accessToken: string, nonce: string | undefined): string {
    const who = this.identityOf(grant.account);
    const claims: Record<string, unknown> = { iss: GOOGLE_ISSUER, azp: grant.clientId, aud: grant.clientId, sub: who.sub, at_hash: halfHash(accessToken) };
    if (grant.scopes.includes(LONG_NAMES['email'] as string)) {
      claims['email'] = who.email;
      claims['email_verified'] = true;
    }
    if (grant.scopes.includes(LONG_NAMES['profile'] as string)) {
      const [given, ...family] = who.name.split(' ');
      claims['name'] = who.name;
      claims['given_name'] = given;
      if (family.length) claims['family_name'] = family.join(' ');
    }
    if (nonce !== undefined) claims['nonce'] = nonce;
    return this.idTokens.mint({
      key: { clientId: grant.clientId, subject: who.sub },
      claims,
      audienceClaims: ['aud', 'azp'],
      lifetimeSeconds: 3600,
    });
  }
}
