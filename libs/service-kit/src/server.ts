// The Fastify factory every service starts from: logging, error handling, health and readiness.
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import '@ledarsteg/contracts';
import { randomUUID } from 'node:crypto';
import { installErrorHandling } from './errors.js';
import { healthPlugin } from './health.js';
import { loggerOptions } from './logger.js';

export interface ServerOptions {
  service: string;
  /** A logger to use (tests pass a silent or captured one); else one is built at `logLevel`. */
  logger?: FastifyBaseLogger;
  logLevel?: string;
  bodyLimit?: number;
}

export async function createServer(opts: ServerOptions): Promise<FastifyInstance> {
  const common = {
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: opts.bodyLimit ?? 256 * 1024,
    forceCloseConnections: true,
  };
  const app = opts.logger
    ? Fastify({ ...common, loggerInstance: opts.logger })
    : Fastify({ ...common, logger: loggerOptions({ level: opts.logLevel ?? 'info', service: opts.service }) });
  // TypeBox's own compiler, so HTTP bodies are checked exactly like messages (same formats, same schemas).
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  installErrorHandling(app as unknown as FastifyInstance);
  await app.register(healthPlugin);
  return app as unknown as FastifyInstance;
}
