// Where each provider's OAuth and OpenID Connect endpoints are, from config: {tenant} filled in, client credentials paired.
import { type ProviderName, requestedScope } from '@ledarsteg/calendar';
import type { CalendarSyncConfig } from '../config.js';

export interface OAuthEndpoints {
  clientId: string;
  clientSecret: string;
  authorizeUrl: string;
  tokenUrl: string;
  /** Google only: Microsoft has no per-token revocation. */
  revokeUrl?: string;
  /** Space-separated scopes asked at connect and (Microsoft) at refresh: the calendar lib's list, each with its reason. */
  scope: string;
  /** The OpenID Connect discovery document ID tokens are verified against. */
  openidConfigurationUrl: string;
}

export function oauthEndpoints(config: CalendarSyncConfig, provider: ProviderName): OAuthEndpoints {
  if (provider === 'google') {
    return {
      clientId: config.GOOGLE_CLIENT_ID,
      clientSecret: config.GOOGLE_CLIENT_SECRET,
      authorizeUrl: config.GOOGLE_AUTH_URL,
      tokenUrl: config.GOOGLE_TOKEN_URL,
      revokeUrl: config.GOOGLE_REVOKE_URL,
      scope: requestedScope('google'),
      openidConfigurationUrl: config.GOOGLE_OPENID_CONFIGURATION_URL,
    };
  }
  const tenant = (url: string) => url.replace('{tenant}', encodeURIComponent(config.MICROSOFT_TENANT));
  return {
    clientId: config.MICROSOFT_CLIENT_ID,
    clientSecret: config.MICROSOFT_CLIENT_SECRET,
    authorizeUrl: tenant(config.MICROSOFT_AUTH_URL),
    tokenUrl: tenant(config.MICROSOFT_TOKEN_URL),
    scope: requestedScope('microsoft'),
    openidConfigurationUrl: tenant(config.MICROSOFT_OPENID_CONFIGURATION_URL),
  };
}

/** PUBLIC_URL joined with an absolute path, whatever trailing slash PUBLIC_URL has. */
export function publicUrl(config: CalendarSyncConfig, path: string): string {
  return `${config.PUBLIC_URL.replace(/\/+$/, '')}${path}`;
}
