// Google's OpenID Connect discovery document and the JWK Set its ID tokens are signed with.
import type { FastifyInstance } from 'fastify';
import type { SigningKeys } from '../oidc/signing-keys.js';
import { GOOGLE_ISSUER } from './oauth-state.js';

/**
 * Shaped like https://accounts.google.com/.well-known/openid-configuration. The issuer is Google's, as in the ID
 * tokens; the endpoints are this fake's, so a client configured with this document's URL talks to the fake.
 */
export function registerOpenIdRoutes(app: FastifyInstance, keys: SigningKeys, baseUrl: () => string): void {
  app.get('/.well-known/openid-configuration', async () => {
    const url = baseUrl();
    return {
      issuer: GOOGLE_ISSUER,
      authorization_endpoint: `${url}/o/oauth2/v2/auth`,
      token_endpoint: `${url}/token`,
      revocation_endpoint: `${url}/revoke`,
      jwks_uri: `${url}/oauth2/v3/certs`,
      response_types_supported: ['code', 'token', 'id_token', 'code token', 'code id_token', 'token id_token', 'code token id_token', 'none'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'email', 'profile'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      claims_supported: ['aud', 'email', 'email_verified', 'exp', 'family_name', 'given_name', 'iat', 'iss', 'name', 'sub'],
      code_challenge_methods_supported: ['plain', 'S256'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
    };
  });

  // Google's keys rotate; clients cache them as Cache-Control allows and look again for an unknown `kid`.
  app.get('/oauth2/v3/certs', async (_req, reply) => reply.header('cache-control', 'public, max-age=300').send(keys.jwks()));
}
