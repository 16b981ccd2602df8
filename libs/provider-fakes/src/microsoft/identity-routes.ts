// The identity platform's /{tenant}/oauth2/v2.0/authorize and /token endpoints, as simple-oauth2 and MSAL-less apps use them,
// and its OpenID Connect discovery document and signing keys per tenant.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FakeContext } from './fake-context.js';
import { hasScope, issuerFor, normalizeScope } from './identity-store.js';

/** The personal Microsoft account tenant (id-token-claims-reference, tid). */
const CONSUMERS_TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function oauthError(reply: FastifyReply, status: number, error: string, description: string, now: number) {
  return reply.code(status).send({
    error,
    error_description: description,
    error_codes: [Number(/AADSTS(\d+)/.exec(description)?.[1] ?? 0)],
    timestamp: new Date(now).toISOString().replace('T', ' ').slice(0, 19) + 'Z',
    trace_id: reply.request.id,
    correlation_id: reply.request.id,
  });
}

/** client_secret_basic: id and secret are form-url-encoded before base64 (RFC 6749 §2.3.1), as simple-oauth2 does. */
function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = header && /^Basic\s+(.+)$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const unform = (v: string) => decodeURIComponent(v.replaceAll('+', ' '));
  return { id: unform(decoded.slice(0, colon)), secret: unform(decoded.slice(colon + 1)) };
}

export function registerIdentityRoutes(app: FastifyInstance, ctx: FakeContext): void {
  app.get('/:tenant/oauth2/v2.0/authorize', async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const client = q.client_id ? ctx.identity.clients.get(q.client_id) : undefined;
    if (!client) return oauthError(reply, 400, 'unauthorized_client', 'AADSTS700016: Application not found in the directory.', ctx.clock.now());
    if (!q.redirect_uri || !client.redirectUris.includes(q.redirect_uri)) {
      return oauthError(reply, 400, 'invalid_request', 'AADSTS50011: The redirect URI does not match the redirect URIs configured.', ctx.clock.now());
    }
    const target = new URL(q.redirect_uri);
    const fail = (error: string, description: string) => {
      target.searchParams.set('error', error);
      target.searchParams.set('error_description', description);
      if (q.state !== undefined) target.searchParams.set('state', q.state);
      return reply.redirect(target.toString(), 302);
    };
    if (q.response_type !== 'code') return fail('unsupported_response_type', 'AADSTS70005: response_type must be code.');
    const scopes = (q.scope ?? '').split(/\s+/).filter(Boolean);
    if (scopes.length === 0) return fail('invalid_request', 'AADSTS90014: The required field scope is missing.');
    const method = q.code_challenge_method ?? (q.code_challenge ? 'plain' : undefined);
    if (method !== undefined && method !== 'S256' && method !== 'plain') return fail('invalid_request', 'AADSTS501491: Invalid code_challenge_method.');
    if (ctx.consent.deny) return fail('access_denied', 'AADSTS65004: User declined to consent to access the app.');
    const account = ctx.identity.accountByHint(q.login_hint) ?? ctx.identity.accounts.get(ctx.consent.accountId ?? '') ?? [...ctx.identity.accounts.values()][0];
    if (!account) return fail('access_denied', 'AADSTS50020: No account to sign in with.');
    // A tenant may refuse some permissions: they are left out of the grant (and so of the token response's scope).
    const refused = (ctx.consent.refuseScopes ?? []).map(normalizeScope);
    const granted = scopes.filter((scope) => !hasScope(refused, normalizeScope(scope)));
    const grant = ctx.identity.createGrant(account.id, client.clientId, granted);
    const challenge = q.code_challenge ? { value: q.code_challenge, method: method as 'S256' | 'plain' } : undefined;
    const code = ctx.identity.issueCode(grant, q.redirect_uri, challenge, q.nonce);
    target.searchParams.set('code', code);
    if (q.state !== undefined) target.searchParams.set('state', q.state);
    target.searchParams.set('session_state', grant.id);
    return reply.redirect(target.toString(), 302);
  });

  app.post('/:tenant/oauth2/v2.0/token', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    if (typeof req.body !== 'object') return oauthError(reply, 400, 'invalid_request', 'AADSTS900144: The request body must be form-url-encoded.', ctx.clock.now());
    const basic = basicCredentials(req.headers.authorization);
    const clientId = basic?.id ?? body.client_id;
    const client = ctx.identity.authenticateClient(clientId, basic?.secret ?? body.client_secret);
    if (!client) return oauthError(reply, 401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.', ctx.clock.now());
    if (body.grant_type === 'authorization_code') {
      if (!body.code) return oauthError(reply, 400, 'invalid_request', 'AADSTS900144: The request body must contain code.', ctx.clock.now());
      const redeemed = ctx.identity.redeemCode(body.code, client.clientId, body.redirect_uri, body.code_verifier);
      if (typeof redeemed === 'string') return oauthError(reply, 400, 'invalid_grant', redeemed, ctx.clock.now());
      return ctx.identity.tokenResponse(redeemed.grant, redeemed.nonce);
    }
    if (body.grant_type === 'refresh_token') {
      const grant = body.refresh_token ? ctx.identity.grantForRefreshToken(body.refresh_token, client.clientId) : undefined;
      if (!grant) {
        return oauthError(reply, 400, 'invalid_grant', 'AADSTS70000: The refresh token has expired or been revoked.', ctx.clock.now());
      }
      const asked = (body.scope ?? '').split(/\s+/).filter(Boolean).map(normalizeScope);
      const extra = asked.find((s) => !grant.scopes.some((g) => g.toLowerCase() === s.toLowerCase()));
      if (extra) return oauthError(reply, 400, 'invalid_grant', `AADSTS65001: The user has not consented to ${extra}.`, ctx.clock.now());
      return ctx.identity.tokenResponse(grant);
    }
    return oauthError(reply, 400, 'unsupported_grant_type', 'AADSTS70003: The app requested an unsupported grant type.', ctx.clock.now());
  });

  // Shaped like https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration: for common and
  // organizations the issuer keeps its {tenantid} placeholder (the token's tid fills it in); consumers and a tenant id
  // get a concrete issuer. The endpoints are this fake's.
  app.get('/:tenant/v2.0/.well-known/openid-configuration', async (req) => {
    const { tenant } = req.params as { tenant: string };
    const base = `https://${req.headers.host ?? 'localhost'}/${encodeURIComponent(tenant)}`;
    const issuer = tenant === 'consumers' ? issuerFor(CONSUMERS_TENANT) : GUID.test(tenant) ? issuerFor(tenant.toLowerCase()) : issuerFor('{tenantid}');
    return {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer,
      request_uri_parameter_supported: false,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'],
      tenant_region_scope: null,
      cloud_instance_name: 'microsoftonline.com',
    };
  });

  app.get('/:tenant/discovery/v2.0/keys', async () => ctx.signingKeys.jwks());
}
