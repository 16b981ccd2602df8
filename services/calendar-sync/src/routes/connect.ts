// GET /connect/:provider and its callback: OAuth2 code flow with PKCE, state and an OpenID Connect nonce; the grant is
// checked against what LedarSteg needs, the identity read from the verified ID token, then the account is linked.
import { randomBytes } from 'node:crypto';
import oauthPlugin, { type OAuth2Namespace, type OAuth2Token } from '@fastify/oauth2';
import {
  type CalendarSettings,
  createIdTokenVerifier,
  IdTokenError,
  type IdTokenVerifier,
  missingScopes,
  PROVIDER_SCOPES,
  ProviderError,
  type ProviderName,
  requestedScope,
  type ScopeRequirement,
} from '@ledarsteg/calendar';
import type { TypeBoxTypeProvider } from '@ledarsteg/service-kit';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { enabledProviders } from '../config.js';
import { memoryTokenSource } from '../connections/connection-tokens.js';
import { linkConnection } from '../connections/link-connection.js';
import { oauthEndpoints, publicUrl } from '../connections/provider-endpoints.js';
import { type RevokeOutcome, revokeGrant } from '../connections/revoke-grant.js';
import { SyncErrors } from '../errors.js';
import type { SyncService } from '../service-context.js';
import { connectedPage, failedPage, missingScopesPage, sendPage, wantsHtml } from './connect-pages.js';

const Params = Type.Object({ provider: Type.String({ minLength: 1, maxLength: 40 }) });
const CallbackQuery = Type.Object({
  code: Type.Optional(Type.String({ minLength: 1, maxLength: 4096 })),
  state: Type.Optional(Type.String({ maxLength: 1024 })),
  error: Type.Optional(Type.String({ maxLength: 200 })),
  error_description: Type.Optional(Type.String({ maxLength: 2000 })),
  scope: Type.Optional(Type.String({ maxLength: 4096 })),
  session_state: Type.Optional(Type.String({ maxLength: 1024 })),
});

/** The token endpoint's answer to the code exchange (simple-oauth2 adds expires_at); other fields pass unchecked. */
const Exchanged = Type.Object({
  access_token: Type.String({ minLength: 1, maxLength: 16_384 }),
  refresh_token: Type.Optional(Type.String({ maxLength: 16_384 })),
  id_token: Type.Optional(Type.String({ minLength: 1, maxLength: 16_384 })),
  scope: Type.Optional(Type.String({ maxLength: 8192 })),
  expires_in: Type.Optional(Type.Union([Type.Number(), Type.String({ maxLength: 20 })])),
  expires_at: Type.Optional(Type.Date()),
});

const namespace = (provider: ProviderName) => `${provider}OAuth2` as const;
const nonceCookie = (provider: ProviderName) => `${provider}-oauth2-nonce`;

function hostAndPath(url: string): { host: string; path: string } {
  const u = new URL(url);
  return { host: u.origin, path: `${u.pathname}${u.search}` };
}

/** The refusal when the grant lacks something: the page (or JSON) says what, after the grant was withdrawn. */
class GrantRefused extends Error {
  constructor(readonly missing: readonly ScopeRequirement[]) {
    super(`missing ${missing.map((m) => m.scope).join(' ')}`);
  }
}

export async function connectRoutes(app: FastifyInstance, opts: { svc: SyncService }) {
  const { svc } = opts;
  const { config } = svc;
  const enabled = enabledProviders(config);
  const cookieOptions = { path: '/connect', httpOnly: true, sameSite: 'lax' as const, secure: config.PUBLIC_URL.startsWith('https:') };
  const verifiers = new Map<ProviderName, IdTokenVerifier>();

  for (const provider of enabled) {
    const ep = oauthEndpoints(config, provider);
    const authorize = hostAndPath(ep.authorizeUrl);
    const token = hostAndPath(ep.tokenUrl);
    // Explicit endpoints rather than the presets: the Google preset has the legacy token URL and no revoke path.
    await app.register(oauthPlugin, {
      name: namespace(provider),
      scope: requestedScope(provider).split(' '),
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
      cookie: { path: '/connect', secure: cookieOptions.secure },
    });
    verifiers.set(provider, createIdTokenVerifier({ provider, discoveryUrl: ep.openidConfigurationUrl, clientId: ep.clientId, now: svc.now }));
  }

  const oauthOf = (name: string): OAuth2Namespace => {
    if (name !== 'google' && name !== 'microsoft') throw new SyncErrors.providerDisabled(name);
    if (!enabled.includes(name)) throw new SyncErrors.providerDisabled(name);
    return (app as unknown as Record<string, OAuth2Namespace>)[namespace(name)] as OAuth2Namespace;
  };

  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/connect/:provider', { schema: { description: 'Start connecting a calendar: redirects to the provider', params: Params }, config: { rateLimit: app.rateLimits.route('signIn') } }, async (req, reply) => {
    const oauth = oauthOf(req.params.provider);
    const provider = req.params.provider as ProviderName;
    const url = new URL(await oauth.generateAuthorizationUri(req, reply));
    // The ID token must carry this nonce: one minted for another sign-in, or replayed, is refused.
    const nonce = randomBytes(24).toString('base64url');
    url.searchParams.set('nonce', nonce);
    reply.setCookie(nonceCookie(provider), nonce, cookieOptions);
    return reply.redirect(url.toString(), 302);
  });

  r.get(
    '/connect/:provider/callback',
    {
      schema: { description: 'Where the provider sends the leader back: a page for a browser, JSON otherwise', params: Params, querystring: CallbackQuery },
      config: { rateLimit: app.rateLimits.route('signIn') },
    },
    async (req, reply) => {
    reply.header('cache-control', 'no-store');
    const provider = req.params.provider as ProviderName;
    const known = enabled.includes(provider);
    const retryUrl = known ? publicUrl(config, `/connect/${provider}`) : undefined;
    try {
      return await callback(req, reply, provider);
    } catch (err) {
      if (!wantsHtml(req)) throw err;
      const status = (err as FastifyError).statusCode ?? 500;
      if (status >= 500) req.log.error({ err }, 'connect failed');
      const message = status >= 500 ? 'Something went wrong on our side; it has been logged.' : (err as Error).message;
      return sendPage(reply, status >= 400 && status < 600 ? status : 500, failedPage(known ? provider : undefined, message, retryUrl));
    }
  });

  async function callback(req: FastifyRequest, reply: FastifyReply, provider: ProviderName) {
    const oauth = oauthOf(provider);
    const query = req.query as { code?: string; state?: string; error?: string };
    const nonce = req.cookies[nonceCookie(provider)];
    reply.clearCookie(nonceCookie(provider), cookieOptions);
    if (query.error) throw new SyncErrors.consentDenied(query.error);
    if (!query.code || !query.state) throw new SyncErrors.badCallback('code or state missing');
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
    const t: unknown = issued.token;
    if (!Value.Check(Exchanged, t)) throw new SyncErrors.providerFailed('the token response was not understood');
    const accessToken = t.access_token;
    const refreshToken = t.refresh_token || undefined;
    const idToken = t.id_token;
    const lifetime = Number(t.expires_in ?? 3600);
    const expiresAt = t.expires_at ?? new Date(svc.now().getTime() + (Number.isFinite(lifetime) ? lifetime : 3600) * 1000);

    // Nothing is stored unless everything checks out; whatever fails first withdraws the grant.
    let identity: Awaited<ReturnType<typeof verifyIdentity>>;
    let settings: CalendarSettings;
    try {
      const missing = missingScopes(provider, { ...(t.scope !== undefined ? { scope: t.scope } : {}), hasIdToken: !!idToken, hasRefreshToken: !!refreshToken });
      if (missing.length > 0) throw new GrantRefused(missing);
      if (!nonce) throw new SyncErrors.badCallback('the sign-in started elsewhere or too long ago; start again');
      identity = await verifyIdentity(provider, idToken as string, nonce);
      settings = await readSettings(provider, accessToken);
    } catch (err) {
      const withdrawn = await revokeGrant(config, provider, { accessToken, ...(refreshToken ? { refreshToken } : {}) }, req.log);
      if (!(err instanceof GrantRefused)) throw err;
      return refuseGrant(req, reply, provider, err.missing, withdrawn);
    }
    const stored = await linkConnection(svc, provider, identity, settings, { accessToken, expiresAt, ...(refreshToken ? { refreshToken } : {}) }, req.id);
    req.log.info({ connectionId: stored.connectionId, userId: stored.userId, provider }, 'calendar connected');
    if (wantsHtml(req)) return sendPage(reply, 200, connectedPage(provider, stored.email));
    return { connectionId: stored.connectionId, userId: stored.userId, provider, email: stored.email, timeZone: stored.timeZone, status: stored.status };
  }

  async function verifyIdentity(provider: ProviderName, idToken: string, nonce: string) {
    try {
      return await (verifiers.get(provider) as IdTokenVerifier).verify(idToken, { nonce });
    } catch (err) {
      if (!(err instanceof IdTokenError)) throw err;
      if (err.missingScope) {
        const requirement = PROVIDER_SCOPES[provider].find((s) => s.scope === err.missingScope);
        if (requirement) throw new GrantRefused([requirement]);
      }
      if (err.reason === 'discovery') throw new SyncErrors.providerFailed('OpenID Connect discovery', { cause: err });
      throw new SyncErrors.identityRejected(err.reason, { cause: err });
    }
  }

  async function readSettings(provider: ProviderName, accessToken: string): Promise<CalendarSettings> {
    try {
      return await svc.providerWith(provider, memoryTokenSource(accessToken)).calendarSettings();
    } catch (err) {
      // The grant named every scope, yet the provider refused a call: say what the calls need.
      if (err instanceof ProviderError && err.kind === 'insufficient_scope') {
        throw new GrantRefused(PROVIDER_SCOPES[provider].filter((s) => s.evidence === 'listed'));
      }
      throw new SyncErrors.providerFailed(err instanceof ProviderError ? err.kind : 'calendar settings', { cause: err });
    }
  }

  /** Nothing was linked and the grant is withdrawn (where the provider allows): tell the leader what is missing. */
  function refuseGrant(req: FastifyRequest, reply: FastifyReply, provider: ProviderName, missing: readonly ScopeRequirement[], withdrawn: RevokeOutcome) {
    const scopes = missing.map((m) => m.scope);
    req.log.warn({ provider, missing: scopes, withdrawn }, 'connect refused: the grant lacks scopes LedarSteg needs');
    if (wantsHtml(req)) return sendPage(reply, 403, missingScopesPage(provider, missing, withdrawn, publicUrl(config, `/connect/${provider}`)));
    const err = new SyncErrors.scopesMissing(scopes.join(' '));
    return reply.code(403).send({
      statusCode: 403,
      code: err.code,
      error: 'Forbidden',
      message: err.message,
      missingScopes: scopes,
      withdrawn,
      retryUrl: publicUrl(config, `/connect/${provider}`),
    });
  }
}
