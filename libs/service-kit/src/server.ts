// The Fastify factory every service starts from: logging, one error format, security headers, health and OpenAPI.
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import '@ledarsteg/contracts';
import { randomUUID } from 'node:crypto';
import { frameworkErrorHandler, installErrorHandling } from './errors.js';
import { healthPlugin } from './health.js';
import { loggerOptions } from './logger.js';
import { registerOpenApi } from './openapi.js';
import { baselineHeaders, registerSecurityHeaders } from './security-headers.js';

export interface ServerOptions {
  service: string;
  /** A logger to use (tests pass a silent or captured one); else one is built at `logLevel`. */
  logger?: FastifyBaseLogger;
  logLevel?: string;
  bodyLimit?: number;
  /** How the outside world reaches this service; HSTS is sent only when it is https. */
  publicUrl?: string;
  /** Proxies in front of the service whose X-Forwarded-For is believed (the client address rate limits count by). */
  trustProxyHops?: number;
}

/** Path parameters are ids (at most 200 characters in the contracts); anything longer is refused with 414. */
const MAX_PARAM_LENGTH = 200;

export async function createServer(opts: ServerOptions): Promise<FastifyInstance> {
  const common = {
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: opts.bodyLimit ?? 256 * 1024,
    forceCloseConnections: true,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: frameworkErrorHandler(baselineHeaders({ ...(opts.publicUrl ? { publicUrl: opts.publicUrl } : {}) })),
    ...(opts.trustProxyHops ? { trustProxy: (_addr: string, hop: number) => hop < (opts.trustProxyHops as number) } : {}),
  };
  const app = opts.logger
    ? Fastify({ ...common, loggerInstance: opts.logger })
    : Fastify({ ...common, logger: loggerOptions({ level: opts.logLevel ?? 'info', service: opts.service }) });
  // TypeBox's own compiler, so HTTP bodies are checked exactly like messages (same formats, same schemas).
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  const server = app as unknown as FastifyInstance;
  installErrorHandling(server);
  await registerSecurityHeaders(server, { ...(opts.publicUrl ? { publicUrl: opts.publicUrl } : {}) });
  // Before any route, so the document and the route list see them all.
  await registerOpenApi(server, { service: opts.service, ...(opts.publicUrl ? { publicUrl: opts.publicUrl } : {}) });
  await app.register(healthPlugin);
  return server;
}
