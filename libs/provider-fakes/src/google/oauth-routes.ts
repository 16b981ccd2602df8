// Google's OAuth 2.0 endpoints: auto-consenting authorization (with granular consent), token (code, refresh, PKCE) and revoke.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { normalizeScope, type OAuthClient, type OAuthState, SIGN_IN_SCOPES } from './oauth-state.js';

export interface ConsentPolicy {
  /** The account that consents when the request carries no known login_hint. */
  account(): string | undefined;
  /** When set, the next authorizations are denied with this error (e.g. access_denied). */
  denial(): string | undefined;
  /** Scopes the user unticks on the consent screen (long names); sign-in scopes are never among them. */
  unticked(): ReadonlySet<string>;
}

type Form = Record<string, string | undefined>;

function formValue(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const v = (body as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : undefined;
}

/** Client authentication by HTTP Basic (form-url-encoded id and secret) or by client_id/client_secret in the body. */
function authenticateClient(state: OAuthState, req: FastifyRequest): OAuthClient | undefined {
  const header = req.headers.authorization;
  let id = formValue(req.body, 'client_id');
  let secret = formValue(req.body, 'client_secret');
  if (header?.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    const unform = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    try {
      id = unform(decoded.slice(0, colon));
      secret = unform(decoded.slice(colon + 1));
    } catch {
      return undefined;
    }
  }
  const client = id ? state.clients.get(id) : undefined;
  return client && client.clientSecret === secret ? client : undefined;
}

function oauthError(reply: FastifyReply, status: number, error: string, description: string) {
  return reply.code(status).send({ error, error_description: description });
}

export function registerOAuthRoutes(app: FastifyInstance, state: OAuthState, consent: ConsentPolicy, hasAccount: (email: string) => boolean) {
  app.get('/o/oauth2/v2/auth', { config: { operation: 'oauth.authorize' } }, async (req, reply) => {
    const q = req.query as Form;
    const client = q.client_id ? state.clients.get(q.client_id) : undefined;
    if (!client) return oauthError(reply, 401, 'invalid_client', 'The OAuth client was not found.');
    const redirectUri = q.redirect_uri;
    if (!redirectUri || !URL.canParse(redirectUri) || (client.redirectUris.length > 0 && !client.redirectUris.includes(redirectUri))) {
      return oauthError(reply, 400, 'redirect_uri_mismatch', 'The redirect URI is not registered for this client.');
    }
    const back = (params: Record<string, string>) => {
      const url = new URL(redirectUri);
      for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
      if (q.state !== undefined) url.searchParams.set('state', q.state);
      return reply.redirect(url.toString(), 302);
    };
    if (q.response_type !== 'code') return back({ error: 'unsupported_response_type' });
    const scopes = (q.scope ?? '').split(/\s+/).filter(Boolean);
    if (scopes.length === 0) return back({ error: 'invalid_request', error_description: 'Missing required parameter: scope' });
    const method = q.code_challenge_method ?? (q.code_challenge ? 'plain' : undefined);
    if (method !== undefined && method !== 'S256' && method !== 'plain') return back({ error: 'invalid_request' });
    if (q.code_challenge !== undefined && !/^[A-Za-z0-9._~-]{43,128}$/.test(q.code_challenge)) return back({ error: 'invalid_request' });
    const denied = consent.denial();
    if (denied) return back({ error: denied });
    const account = q.login_hint && hasAccount(q.login_hint) ? q.login_hint : consent.account();
    if (!account) return back({ error: 'access_denied', error_description: 'No account to consent with.' });
    // Granular consent: what the user leaves ticked is granted; the redirect and the token response say which.
    const unticked = consent.unticked();
    const granted = [...new Set(scopes.map(normalizeScope))].filter((scope) => SIGN_IN_SCOPES.has(scope) || !unticked.has(scope));
    const code = state.newCode({
      clientId: client.clientId,
      account,
      scopes: granted,
      redirectUri,
      offline: q.access_type === 'offline',
      forceConsent: (q.prompt ?? '').split(' ').includes('consent'),
      ...(q.code_challenge && method ? { challenge: { value: q.code_challenge, method } } : {}),
      ...(q.nonce !== undefined ? { nonce: q.nonce } : {}),
    });
    return back({ code, scope: granted.join(' ') });
  });

  app.post('/token', { config: { operation: 'oauth.token' } }, async (req, reply) => {
    const client = authenticateClient(state, req);
    if (!client) return oauthError(reply, 401, 'invalid_client', 'Unauthorized');
    const grantType = formValue(req.body, 'grant_type');
    if (grantType === 'authorization_code') {
      const code = formValue(req.body, 'code');
      const tokens = code
        ? state.redeemCode(code, client.clientId, formValue(req.body, 'redirect_uri'), formValue(req.body, 'code_verifier'))
        : undefined;
      return tokens ?? oauthError(reply, 400, 'invalid_grant', 'Malformed auth code.');
    }
    if (grantType === 'refresh_token') {
      const token = formValue(req.body, 'refresh_token');
      const tokens = token ? state.refresh(token, client.clientId) : undefined;
      return tokens ?? oauthError(reply, 400, 'invalid_grant', 'Token has been expired or revoked.');
    }
    return oauthError(reply, 400, 'unsupported_grant_type', 'Invalid grant_type.');
  });

  app.post('/revoke', { config: { operation: 'oauth.revoke' } }, async (req, reply) => {
    const token = formValue(req.body, 'token') ?? formValue(req.query, 'token');
    if (!token || !state.revokeToken(token)) return oauthError(reply, 400, 'invalid_token', 'Token expired or revoked');
    return reply.code(200).send({});
  });
}
