// GET /connect/:provider and its callback: OAuth2 code flow with PKCE and state, then the account is linked.
import oauthPlugin, { type OAuth2Namespace, type OAuth2Token } from '@fastify/oauth2';
import { type ProviderName, ProviderError } from '@ledarsteg/calendar';
import type { TypeBoxTypeProvider } from '@ledarsteg/service-kit';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { enabledProviders } from '../config.js';
import { linkConnection } from '../connections/link-connection.js';
import { memoryTokenSource } from '../connections/connection-tokens.js';
import { GOOGLE_SCOPES, MICROSOFT_SCOPES, oauthEndpoints, publicUrl } from '../connections/provider-endpoints.js';
import { SyncErrors } from '../errors.js';
import type { SyncService } from '../service-context.js';

const Params = Type.Object({ provider: Type.String({ minLength: 1, maxLength: 40 }) });
const CallbackQuery = Type.Object({
  code: Type.Optional(Type.String({ minLength: 1, maxLength: 4096 })),
  state: Type.Optional(Type.String({ maxLength: 1024 })),
  error: Type.Optional(Type.String({ maxLength: 200 })),
  error_description: Type.Optional(Type.String({ maxLength: 2000 })),
  scope: Type.Optional(Type.String({ maxLength: 4096 })),
  session_state: Type.Optional(Type.String({ maxLength: 1024 })),
});

const namespace = (provider: ProviderName) => `${provider}OAuth2` as const;

function hostAndPath(url: string): { host: string; path: string } {
  const u = new URL(url);
  return { host: u.origin, path: `${u.pathname}${u.search}` };
}

export async function connectRoutes(app: FastifyInstance, opts: { svc: SyncService }) {
  const { svc } = opts;
  const { config } = svc;
  const enabled = enabledProviders(config);

  for (const provider of enabled) {
    const ep = oauthEndpoints(config, provider);
    const authorize = hostAndPath(ep.authorizeUrl);
    const token = hostAndPath(ep.tokenUrl);
    // Explicit endpoints rather than the presets: the Google preset has the legacy token URL and no revoke path.
    await app.register(oauthPlugin, {
      name: namespace(provider),
      scope: provider === 'google' ? GOOGLE_SCOPES : MICROSOFT_SCOPES,
      credentials: {
        client: { id: ep.clientId, secret: ep.clientSecret },
        auth: {
          authorizeHost: authorize.host,
          authorizePath: authorize.path,
          tokenHost: token.host,
          tokenPath: token.path,
          ...(ep.revokeUrl ? { revokePath: new URL(ep.revokeUrl).pathname } : {}),
        },
      },
      callbackUri: publicUrl(config, `/connect/${provider}/callback`),
      // Google issues a refresh token only for offline access, and again only when consent is forced.
      ...(provider === 'google' ? { callbackUriParams: { access_type: 'offline', prompt: 'consent' } } : {}),
      pkce: 'S256',
      redirectStateCookieName: `${provider}-oauth2-state`,
      verifierCookieName: `${provider}-oauth2-verifier`,
      cookie: { path: '/connect', secure: config.PUBLIC_URL.startsWith('https:') },
    });
  }

  const oauthOf = (name: string): OAuth2Namespace => {
    if (name !== 'google' && name !== 'microsoft') throw new SyncErrors.providerDisabled(name);
    if (!enabled.includes(name)) throw new SyncErrors.providerDisabled(name);
    return (app as unknown as Record<string, OAuth2Namespace>)[namespace(name)] as OAuth2Namespace;
  };

  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/connect/:provider', { schema: { params: Params } }, async (req, reply) => {
    const oauth = oauthOf(req.params.provider);
    const url = await oauth.generateAuthorizationUri(req, reply);
    return reply.redirect(url, 302);
  });

  r.get('/connect/:provider/callback', { schema: { params: Params, querystring: CallbackQuery } }, async (req, reply) => {
    const provider = req.params.provider as ProviderName;
    const oauth = oauthOf(provider);
    if (req.query.error) throw new SyncErrors.consentDenied(req.query.error);
    if (!req.query.code || !req.query.state) throw new SyncErrors.badCallback('code or state missing');
    let issued: OAuth2Token;
    try {
      issued = await oauth.getAccessTokenFromAuthorizationCodeFlow(req, reply);
    } catch (err) {
      const status = (err as { output?: { statusCode?: number } }).output?.statusCode;
      req.log.warn({ provider, status, reason: (err as Error).message === 'Invalid state' ? 'state' : 'exchange' }, 'oauth callback rejected');
      if ((err as Error).message === 'Invalid state') throw new SyncErrors.badCallback('the sign-in state did not match; start again');
      if (status === undefined || status >= 500) throw new SyncErrors.providerFailed('token exchange', { cause: err });
      throw new SyncErrors.badCallback('the authorization code was not accepted; start again');
    }
    // simple-oauth2 keeps refresh_token on code exchange (it loses it only on its own refresh, which we do not use).
    const t = issued.token;
    if (typeof t.access_token !== 'string') throw new SyncErrors.providerFailed('no access token');
    const expiresAt = t.expires_at instanceof Date ? t.expires_at : new Date(svc.now().getTime() + Number(t.expires_in ?? 3600) * 1000);
    let profile: Awaited<ReturnType<ReturnType<SyncService['providerWith']>['profile']>>;
    try {
      profile = await svc.providerWith(provider, memoryTokenSource(t.access_token)).profile();
    } catch (err) {
      throw new SyncErrors.providerFailed(err instanceof ProviderError ? err.kind : 'profile', { cause: err });
    }
    const refreshToken = typeof t.refresh_token === 'string' && t.refresh_token ? t.refresh_token : undefined;
    const stored = await linkConnection(svc, provider, profile, { accessToken: t.access_token, expiresAt, ...(refreshToken ? { refreshToken } : {}) }, req.id);
    req.log.info({ connectionId: stored.connectionId, userId: stored.userId, provider }, 'calendar connected');
    return { connectionId: stored.connectionId, userId: stored.userId, provider, email: stored.email, timeZone: stored.timeZone, status: stored.status };
  });
}
