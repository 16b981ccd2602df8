// Security headers on every answer: helmet with a strict policy, HSTS behind https only, and nothing personal cached.
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The Cache-Control of this route's answers. Unset, every answer is `no-store`: anything may carry personal data.
     * Set it only for static, public things (e.g. the OpenAPI document).
     */
    cacheControl?: string;
  }
}

/**
 * The policy for every answer: JSON loads nothing, and no page of ours may be framed. A route that serves HTML sets
 * its own, still without inline scripts (see calendar-sync's connect pages).
 */
export const STRICT_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * The headers helmet and the no-store hook give every answer, for the few answers made before any hook runs (a bad
 * URL, an over-long path parameter).
 */
export function baselineHeaders(opts: { publicUrl?: string }): Record<string, string> {
  return {
    'content-security-policy': STRICT_CSP,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    ...(opts.publicUrl?.startsWith('https:') ? { 'strict-transport-security': HSTS } : {}),
  };
}

export async function registerSecurityHeaders(app: FastifyInstance, opts: { publicUrl?: string }): Promise<void> {
  const https = opts.publicUrl?.startsWith('https:') ?? false;
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"], frameAncestors: ["'none'"] },
    },
    frameguard: { action: 'deny' },
    // Only a service reached over https may pin browsers to it; on plain http the header would be ignored or wrong.
    hsts: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  app.addHook('onSend', async (req, reply, payload) => {
    const wanted = req.routeOptions.config?.cacheControl;
    if (wanted) reply.header('cache-control', wanted);
    else if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
