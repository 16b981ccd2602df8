// What every main.ts does: read the environment once, build the app, listen, and shut down in order on a signal.
import type { TObject, Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { ConfigError, loadConfig } from './config.js';
import { loggerOptions } from './logger.js';

export interface RunServiceOptions<S extends TObject> {
  service: string;
  configSchema: S;
  build: (config: Static<S>) => Promise<FastifyInstance>;
  env?: Record<string, string | undefined>;
  /**
   * How long the orderly close may take after a signal before the process exits anyway (exit 1). Whatever was
   * still running then is unacknowledged and comes back by redelivery. Default 4.5 s, inside the 5 s promise.
   */
  shutdownTimeoutMs?: number;
}

export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 4_500;

/**
 * Starts a service. A bad or missing variable stops it with a message naming the variable (exit 78,
 * EX_CONFIG). SIGTERM/SIGINT close the app: readiness turns 503, HTTP stops, consumers stop, NATS
 * drains, the database closes — the order the plugins' onClose hooks encode — within `shutdownTimeoutMs`.
 * A service that cannot start (a dependency unreachable) logs "could not start" and exits 1.
 */
export async function runService<S extends TObject>(opts: RunServiceOptions<S>): Promise<FastifyInstance | undefined> {
  const env = opts.env ?? process.env;
  let config: Static<S>;
  try {
    config = loadConfig(opts.configSchema, env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${opts.service}: ${err.message}\n`);
      process.exitCode = 78;
      return undefined;
    }
    throw err;
  }
  const level = (config as { LOG_LEVEL?: string }).LOG_LEVEL ?? 'info';
  const bootLog = pino(loggerOptions({ level, service: opts.service }));
  let app: FastifyInstance;
  try {
    app = await opts.build(config);
    const port = (config as { PORT?: number }).PORT ?? 0;
    const host = (config as { HOST?: string }).HOST ?? '0.0.0.0';
    await app.listen({ port, host });
  } catch (err) {
    bootLog.fatal({ err }, 'could not start');
    // Exit now: what the half-built app opened (a database connection, say) would keep the process alive, and an
    // orchestrator restarts only a process that ended. pino writes synchronously to stdout, so the line is out.
    process.exit(1);
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, opts.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    app.close().then(
      () => {
        app.log.info('stopped');
        process.exitCode = 0;
      },
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  return app;
}
