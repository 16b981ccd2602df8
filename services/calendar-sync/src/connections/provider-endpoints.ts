// Where each provider's OAuth endpoints and APIs are, from config: {tenant} filled in, client credentials paired.
import type { ProviderName } from '@ledarsteg/calendar';
import type { CalendarSyncConfig } from '../config.js';

export interface OAuthEndpoints {
  clientId: string;
  clientSecret: string;
  authorizeUrl: string;
  tokenUrl: string;
  /** Google only: Microsoft has no per-token revocation. */
  revokeUrl?: string;
  /** Space-separated scopes asked at connect and (Microsoft) at refresh. */
  scope: string;
}

export const GOOGLE_SCOPES = ['openid', 'email', 'https://www.googleapis.com/auth/calendar.events'];
// User.Read and MailboxSettings.Read are beyond the brief's list, but the adapter's profile() reads /me and
// /me/mailboxSettings (zone, working hours), which Graph refuses without them.
export const MICROSOFT_SCOPES = ['openid', 'profile', 'email', 'offline_access', 'User.Read', 'MailboxSettings.Read', 'Calendars.ReadWrite'];

export function oauthEndpoints(config: CalendarSyncConfig, provider: ProviderName): OAuthEndpoints {
  if (provider === 'google') {
    return {
      clientId: config.GOOGLE_CLIENT_ID,
      clientSecret: config.GOOGLE_CLIENT_SECRET,
      authorizeUrl: config.GOOGLE_AUTH_URL,
      tokenUrl: config.GOOGLE_TOKEN_URL,
      revokeUrl: config.GOOGLE_REVOKE_URL,
      scope: GOOGLE_SCOPES.join(' '),
    };
  }
  const tenant = (url: string) => url.replace('{tenant}', encodeURIComponent(config.MICROSOFT_TENANT));
  return {
    clientId: config.MICROSOFT_CLIENT_ID,
    clientSecret: config.MICROSOFT_CLIENT_SECRET,
    authorizeUrl: tenant(config.MICROSOFT_AUTH_URL),
    tokenUrl: tenant(config.MICROSOFT_TOKEN_URL),
    scope: MICROSOFT_SCOPES.join(' '),
  };
}

/** PUBLIC_URL joined with an absolute path, whatever trailing slash PUBLIC_URL has. */
export function publicUrl(config: CalendarSyncConfig, path: string): string {
  return `${config.PUBLIC_URL.replace(/\/+$/, '')}${path}`;
}
