// calendar-sync's environment: where it is reached, how tokens are encrypted, and the two providers.
import { type Static, Type } from '@sinclair/typebox';
import { CommonConfig } from '@ledarsteg/service-kit';

const Url = (def: string, description: string) => Type.String({ format: 'uri', default: def, description });

export const CalendarSyncConfig = Type.Composite([
  CommonConfig,
  Type.Object({
    PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3001 }),
    PUBLIC_URL: Type.String({ format: 'uri', description: 'how the outside world (browsers, provider webhooks) reaches calendar-sync' }),
    TOKEN_KEYS: Type.String({
      pattern: '^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=_-]{43,}(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=_-]{43,})*$',
      description: 'comma-separated keyId:base64-32-byte-key; the first encrypts, all decrypt',
    }),
    GOOGLE_CLIENT_ID: Type.String({ default: '' }),
    GOOGLE_CLIENT_SECRET: Type.String({ default: '' }),
    GOOGLE_AUTH_URL: Url('https://accounts.google.com/o/oauth2/v2/auth', 'Google authorization endpoint'),
    GOOGLE_TOKEN_URL: Url('https://oauth2.googleapis.com/token', 'Google token endpoint'),
    GOOGLE_REVOKE_URL: Url('https://oauth2.googleapis.com/revoke', 'Google revocation endpoint'),
    GOOGLE_API_URL: Url('https://www.googleapis.com/', 'Google API root (Calendar v3 is served under /calendar/v3)'),
    GOOGLE_OPENID_CONFIGURATION_URL: Url(
      'https://accounts.google.com/.well-known/openid-configuration',
      "Google's OpenID Connect discovery document: the issuer and keys ID tokens are checked against",
    ),
    MICROSOFT_CLIENT_ID: Type.String({ default: '' }),
    MICROSOFT_CLIENT_SECRET: Type.String({ default: '' }),
    MICROSOFT_TENANT: Type.String({ default: 'common', pattern: '^[A-Za-z0-9.-]{1,100}$' }),
    MICROSOFT_AUTH_URL: Url('https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize', 'Microsoft authorization endpoint; {tenant} is replaced'),
    MICROSOFT_TOKEN_URL: Url('https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token', 'Microsoft token endpoint; {tenant} is replaced'),
    MICROSOFT_GRAPH_URL: Url('https://graph.microsoft.com', 'Microsoft Graph root, without a version'),
    MICROSOFT_OPENID_CONFIGURATION_URL: Url(
      'https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration',
      "Microsoft's OpenID Connect discovery document; {tenant} is replaced",
    ),
    SYNC_WEEKS_BACK: Type.Integer({ minimum: 0, maximum: 104, default: 8 }),
    SYNC_WEEKS_AHEAD: Type.Integer({ minimum: 1, maximum: 104, default: 6 }),
    POLL_INTERVAL_MINUTES: Type.Integer({ minimum: 1, maximum: 1440, default: 15 }),
    WEBHOOKS_ALLOW_HTTP: Type.Boolean({
      default: false,
      description: 'create provider watches even when PUBLIC_URL is plain http; only for local fakes and the demo (real providers deliver to HTTPS only)',
    }),
    ADMIN_TOKEN: Type.Optional(
      Type.String({
        minLength: 32,
        maxLength: 512,
        description: 'bearer token for DELETE /connections/:id (the gateway signs disconnects with it); unset, the route answers 404',
      }),
    ),
  }),
]);
export type CalendarSyncConfig = Static<typeof CalendarSyncConfig>;

/** A provider is enabled when its client id and secret are configured. */
export function enabledProviders(config: CalendarSyncConfig): ('google' | 'microsoft')[] {
  const enabled: ('google' | 'microsoft')[] = [];
  if (config.GOOGLE_CLIENT_ID && config.GOOGLE_CLIENT_SECRET) enabled.push('google');
  if (config.MICROSOFT_CLIENT_ID && config.MICROSOFT_CLIENT_SECRET) enabled.push('microsoft');
  return enabled;
}
