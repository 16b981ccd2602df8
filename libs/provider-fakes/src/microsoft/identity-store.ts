// Microsoft identity platform state: registered clients, accounts, grants, codes, rotating refresh tokens, access and ID tokens.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { IdTokenMinter } from '../oidc/id-token-faults.js';
import type { FakeClock } from './fake-clock.js';
import type { AccessTokenRecord, FakeAccount, FakeClient, Grant } from './model.js';

interface AuthorizationCode {
  grantId: string;
  redirectUri: string;
  challenge?: { value: string; method: 'S256' | 'plain' };
  /** The authorization request's nonce, echoed in the ID token. */
  nonce?: string;
  expiresAt: number;
}

/** What a code exchange yields: the grant and the nonce of its authorization request. */
export interface RedeemedCode {
  grant: Grant;
  nonce?: string;
}

/** The issuer of v2.0 tokens for a tenant (learn.microsoft.com/entra/identity-platform/id-token-claims-reference, iss). */
export const issuerFor = (tenantId: string) => `https://login.microsoftonline.com/${tenantId}/v2.0`;

export const ACCESS_TOKEN_SECONDS = 3600;
const CODE_SECONDS = 600;

/** Graph scopes come as `https://graph.microsoft.com/Calendars.Read` or bare `Calendars.Read`. */
export function normalizeScope(scope: string): string {
  return scope.replace(/^https:\/\/graph\.microsoft\.com\//i, '');
}

export function hasScope(scopes: string[], wanted: string): boolean {
  return scopes.some((s) => s.toLowerCase() === wanted.toLowerCase());
}

const base64url = (input: Buffer | string) => Buffer.from(input).toString('base64url');

export class IdentityStore {
  readonly clients = new Map<string, FakeClient>();
  readonly accounts = new Map<string, FakeAccount>();
  private readonly grants = new Map<string, Grant>();
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly refreshTokens = new Map<string, string>();
  private readonly accessTokens = new Map<string, AccessTokenRecord>();

  constructor(
    private readonly clock: FakeClock,
    private readonly idTokens: IdTokenMinter,
  ) {}

  accountByHint(hint: string | undefined): FakeAccount | undefined {
    if (!hint) return undefined;
    const lower = hint.toLowerCase();
    return [...this.accounts.values()].find((a) => a.mail.toLowerCase() === lower || a.userPrincipalName.toLowerCase() === lower);
  }

  /** Checks client credentials; undefined when the client or secret is wrong. */
  authenticateClient(clientId: string | undefined, secret: string | undefined): FakeClient | undefined {
    const client = clientId ? this.clients.get(clientId) : undefined;
    return client && secret !== undefined && client.clientSecret === secret ? client : undefined;
  }

  createGrant(accountId: string, clientId: string, scopes: string[]): Grant {
    const grant: Grant = { id: randomUUID(), accountId, clientId, scopes: scopes.map(normalizeScope), revoked: false };
    this.grants.set(grant.id, grant);
    return grant;
  }

  issueCode(grant: Grant, redirectUri: string, challenge?: AuthorizationCode['challenge'], nonce?: string): string {
    const code = `0.A${randomBytes(24).toString('base64url')}`;
    const record: AuthorizationCode = { grantId: grant.id, redirectUri, expiresAt: this.clock.now() + CODE_SECONDS * 1000 };
    if (challenge) record.challenge = challenge;
    if (nonce !== undefined) record.nonce = nonce;
    this.codes.set(code, record);
    return code;
  }

  /** Every grant (copies), for tests. */
  listGrants(accountId?: string): Grant[] {
    return [...this.grants.values()].filter((g) => !accountId || g.accountId === accountId).map((g) => ({ ...g, scopes: [...g.scopes] }));
  }

  /** Redeems a code once; returns an error text (for invalid_grant) or the grant with its nonce. */
  redeemCode(code: string, clientId: string, redirectUri: string | undefined, verifier: string | undefined): RedeemedCode | string {
    const record = this.codes.get(code);
    this.codes.delete(code);
    const grant = record && this.grants.get(record.grantId);
    if (!record || !grant || grant.clientId !== clientId) return 'AADSTS70000: The provided authorization code is invalid or has been used.';
    if (record.expiresAt <= this.clock.now()) return 'AADSTS70008: The provided authorization code has expired.';
    if (redirectUri !== record.redirectUri) return 'AADSTS50148: The redirect_uri does not match the one used in the authorization request.';
    if (record.challenge) {
      if (!verifier) return 'AADSTS50148: The code_verifier is missing.';
      const computed = record.challenge.method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
      if (computed !== record.challenge.value) return 'AADSTS50148: The code_verifier does not match the code_challenge.';
    }
    return record.nonce === undefined ? { grant } : { grant, nonce: record.nonce };
  }

  grantForRefreshToken(token: string, clientId: string): Grant | undefined {
    const grantId = this.refreshTokens.get(token);
    const grant = grantId ? this.grants.get(grantId) : undefined;
    return grant && !grant.revoked && grant.clientId === clientId ? grant : undefined;
  }

  /** Issues the token response: every response carries a new refresh token (rotation) when offline_access was granted. */
  tokenResponse(grant: Grant, nonce?: string): Record<string, unknown> {
    const accessToken = `eyJ0eXAi.${randomBytes(32).toString('base64url')}`;
    this.accessTokens.set(accessToken, {
      grantId: grant.id,
      accountId: grant.accountId,
      clientId: grant.clientId,
      scopes: grant.scopes,
      expiresAt: this.clock.now() + ACCESS_TOKEN_SECONDS * 1000,
    });
    const graphScopes = grant.scopes.filter((s) => !['openid', 'profile', 'email', 'offline_access'].includes(s.toLowerCase()));
    const body: Record<string, unknown> = {
      token_type: 'Bearer',
      scope: graphScopes.map((s) => `https://graph.microsoft.com/${s}`).join(' '),
      expires_in: ACCESS_TOKEN_SECONDS,
      ext_expires_in: ACCESS_TOKEN_SECONDS,
      access_token: accessToken,
    };
    if (hasScope(grant.scopes, 'offline_access')) {
      const refreshToken = `1.A${randomBytes(40).toString('base64url')}`;
      this.refreshTokens.set(refreshToken, grant.id);
      body['refresh_token'] = refreshToken;
    }
    if (hasScope(grant.scopes, 'openid')) body['id_token'] = this.idToken(grant, nonce);
    return body;
  }

  /**
   * An RS256 v2.0 ID token with the claims the ID token claims reference documents: `oid`, `name` and
   * `preferred_username` need the profile scope, `email` the email scope; `sub` is pairwise (per client).
   */
  private idToken(grant: Grant, nonce: string | undefined): string {
    const account = this.accounts.get(grant.accountId)!;
    const sub = base64url(createHash('sha256').update(`${grant.clientId}:${account.id}`).digest());
    const claims: Record<string, unknown> = {
      aud: grant.clientId,
      iss: issuerFor(account.tenantId),
      sub,
      tid: account.tenantId,
      uti: randomBytes(16).toString('base64url'),
      ver: '2.0',
    };
    if (hasScope(grant.scopes, 'profile')) {
      claims['oid'] = account.id;
      claims['name'] = account.displayName;
      claims['preferred_username'] = account.userPrincipalName;
    }
    if (hasScope(grant.scopes, 'email') && account.mail) claims['email'] = account.mail;
    if (nonce !== undefined) claims['nonce'] = nonce;
    return this.idTokens.mint({ key: { clientId: grant.clientId, subject: sub }, claims, audienceClaims: ['aud'], lifetimeSeconds: ACCESS_TOKEN_SECONDS, withNbf: true });
  }

  /** The access token's record when it is known, unexpired and its grant alive. */
  checkAccessToken(token: string): AccessTokenRecord | undefined {
    const record = this.accessTokens.get(token);
    if (!record || record.expiresAt <= this.clock.now()) return undefined;
    return this.grants.get(record.grantId)?.revoked ? undefined : record;
  }

  /** Revokes every grant of the account (Graph's revokeSignInSessions has the same reach). */
  revokeAccount(accountId: string): void {
    for (const grant of this.grants.values()) if (grant.accountId === accountId) grant.revoked = true;
  }
}
