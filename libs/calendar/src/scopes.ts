// The scopes calendar-sync asks each provider for: exactly what the adapters' calls and the connect step need, and why.
import type { ProviderName } from './provider.js';

/**
 * How a granted scope shows after the code exchange:
 * - `listed`: in the token response's `scope` (RFC 6749 §5.1; absent `scope` means "as requested");
 * - `id_token`: an ID token came back (openid);
 * - `refresh_token`: a refresh token came back (Microsoft offline_access);
 * - `claims`: only through the ID token's claims, checked when the identity is read from it (identity/).
 */
export type GrantEvidence = 'listed' | 'id_token' | 'refresh_token' | 'claims';

export interface ScopeRequirement {
  /** As requested at the authorization endpoint. */
  scope: string;
  evidence: GrantEvidence;
  /** The calls (or claims) that need it. */
  why: string;
}

const GOOGLE_CALENDAR_EVENTS_OWNED = 'https://www.googleapis.com/auth/calendar.events.owned';

/**
 * Google. Every Calendar call of the adapter is on the primary calendar, which the leader owns, and each one accepts
 * `calendar.events.owned` (the `scopes:` of each method in @googleapis/calendar build/v3.d.ts): the narrowest scope
 * that allows them all. The zone comes from events.list, identity from the ID token: no settings or calendars scope.
 */
export const GOOGLE_SCOPES: readonly ScopeRequirement[] = [
  { scope: 'openid', evidence: 'id_token', why: 'an ID token at connect: the account id (sub) the connection is keyed by' },
  { scope: 'email', evidence: 'claims', why: "the ID token's email claim: the leader's address" },
  {
    scope: GOOGLE_CALENDAR_EVENTS_OWNED,
    evidence: 'listed',
    why: 'events.list (sync, and the calendar zone on every page), events.insert/patch/delete (ledartid blocks), events.watch and channels.stop (push)',
  },
];

/**
 * Microsoft Graph, delegated, checked against each endpoint's permission table on learn.microsoft.com. Identity
 * comes from the ID token (no /me, so no User.Read).
 */
export const MICROSOFT_SCOPES: readonly ScopeRequirement[] = [
  { scope: 'openid', evidence: 'id_token', why: 'an ID token at connect' },
  { scope: 'profile', evidence: 'claims', why: 'the ID token claims oid (the account id), name and preferred_username' },
  { scope: 'email', evidence: 'claims', why: "the ID token's email claim: the mailbox address" },
  { scope: 'offline_access', evidence: 'refresh_token', why: 'a refresh token, to keep syncing while the leader is away' },
  { scope: 'MailboxSettings.Read', evidence: 'listed', why: 'GET /me/mailboxSettings: the mailbox zone and working hours' },
  {
    scope: 'Calendars.Read',
    evidence: 'listed',
    why: 'POST, PATCH and DELETE /subscriptions on /me/events: subscriptions take the read scope, not a write one',
  },
  {
    scope: 'Calendars.ReadWrite',
    evidence: 'listed',
    why: 'POST, PATCH and DELETE /me/events (ledartid blocks) and GET /me/events by extended property; also GET /me/calendarView/delta',
  },
];

export const PROVIDER_SCOPES: Readonly<Record<ProviderName, readonly ScopeRequirement[]>> = { google: GOOGLE_SCOPES, microsoft: MICROSOFT_SCOPES };

/** The space-separated `scope` parameter for the authorization request. */
export function requestedScope(provider: ProviderName): string {
  return PROVIDER_SCOPES[provider].map((s) => s.scope).join(' ');
}

/** Google reports `email`/`profile` by long names; Graph prefixes its permissions and compares them case-insensitively. */
function normalize(provider: ProviderName, scope: string): string {
  if (provider === 'microsoft') return scope.replace(/^https:\/\/graph\.microsoft\.com\//i, '').toLowerCase();
  return { 'https://www.googleapis.com/auth/userinfo.email': 'email', 'https://www.googleapis.com/auth/userinfo.profile': 'profile' }[scope] ?? scope;
}

export interface ExchangedGrant {
  /** The token response's `scope`, if it had one. */
  scope?: string;
  hasIdToken: boolean;
  hasRefreshToken: boolean;
}

/**
 * The requested scopes the exchange shows were not granted (Google's consent screen lets a user untick scopes; a
 * Microsoft tenant can refuse some). Scopes shown only by claims are left to the identity check.
 */
export function missingScopes(provider: ProviderName, grant: ExchangedGrant): ScopeRequirement[] {
  const listed = grant.scope === undefined ? undefined : new Set(grant.scope.split(/\s+/).filter(Boolean).map((s) => normalize(provider, s)));
  return PROVIDER_SCOPES[provider].filter((req) => {
    switch (req.evidence) {
      case 'id_token':
        return !grant.hasIdToken;
      case 'refresh_token':
        return !grant.hasRefreshToken;
      case 'listed':
        return listed !== undefined && !listed.has(normalize(provider, req.scope));
      default:
        return false;
    }
  });
}
