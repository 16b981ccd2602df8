// OAuth clients, consents, authorization codes, grants and access tokens of the fake Google identity server.
import { createHash, randomBytes } from 'node:crypto';
import type { FakeClock } from './clock.js';

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
  expiresAtMs: number;
}

export interface IssuedTokens {
  access_token: string;
  expires_in: number;
  token_type: 'Bearer';
  scope: string;
  refresh_token?: string;
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
    return this.issue(clientId, code.account, code.scopes, withRefresh);
  }

  /** Creates a grant and its first tokens (also used directly by tests that skip the browser step). */
  issue(clientId: string, account: string, scopes: string[], withRefresh: boolean): IssuedTokens {
    const grant: Grant = { id: randomBytes(8).toString('hex'), clientId, account, scopes, revoked: false };
    if (withRefresh) {
      grant.refreshToken = `1//${randomBytes(32).toString('base64url')}`;
      this.#refreshTokens.set(grant.refreshToken, grant.id);
    }
    this.grants.set(grant.id, grant);
    const tokens = this.#accessFor(grant);
    return grant.refreshToken ? { ...tokens, refresh_token: grant.refreshToken } : tokens;
  }

  refresh(refreshToken: string, clientId: string): IssuedTokens | undefined {
    const grant = this.grants.get(this.#refreshTokens.get(refreshToken) ?? '');
    if (!grant || grant.revoked || grant.clientId !== clientId) return undefined;
    return this.#accessFor(grant);
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

  #accessFor(grant: Grant): IssuedTokens {
    const token = `ya29.${randomBytes(32).toString('base64url')}`;
    this.#accessTokens.set(token, {
      token,
      grantId: grant.id,
      account: grant.account,
      expiresAtMs: this.clock.nowMs() + this.accessTokenTtlSeconds * 1000,
    });
    return { access_token: token, expires_in: this.accessTokenTtlSeconds, token_type: 'Bearer', scope: grant.scopes.join(' ') };
  }
}
