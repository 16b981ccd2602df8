// Wires a service to its database and NATS, in the order that makes shutdown drain correctly.
import type { StreamDefinition } from '@ledarsteg/contracts';
import { messaging } from '@ledarsteg/messaging';
import { pingDatabase, storePlugin } from '@ledarsteg/store';
import type { NatsConnection } from '@nats-io/transport-node';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Connection } from 'mongoose';
import type { CommonConfig } from './config.js';
import { openRateLimitBucket, rateLimitsPlugin } from './rate-limits.js';

type RateLimitConfig = Pick<CommonConfig, 'RATE_LIMIT_WINDOW_SECONDS' | 'RATE_LIMIT_SIGN_IN' | 'RATE_LIMIT_WEBHOOKS' | 'RATE_LIMIT_TOKEN_CHECKS'>;

/** What a service's buildApp may be handed instead of building it itself (tests, embedding). */
export interface ServiceDeps {
  logger?: FastifyBaseLogger;
  /** An open NATS connection; the service will not close it. */
  nc?: NatsConnection;
  /** An open mongoose connection; the service will not close it. */
  db?: Connection;
  /** The clock; defaults to the system clock. */
  now?: () => Date;
}

export async function registerInfrastructure(
  app: FastifyInstance,
  opts: {
    service: string;
    config: Pick<CommonConfig, 'NATS_URL' | 'MONGO_URL' | 'NATS_PREFIX'> &
      Partial<Pick<CommonConfig, 'NATS_STREAM_REPLICAS' | 'READINESS_TIMEOUT_MS'> & RateLimitConfig>;
    deps: ServiceDeps;
    streams: StreamDefinition[];
  },
): Promise<void> {
  // The store goes first so its onClose runs last: consumers stop and NATS drains before the database closes.
  await app.register(storePlugin, opts.deps.db ? { connection: opts.deps.db } : { url: opts.config.MONGO_URL });
  await app.register(messaging, {
    ...(opts.deps.nc ? { nc: opts.deps.nc } : { servers: opts.config.NATS_URL.split(',') }),
    name: opts.service,
    ...(opts.config.NATS_PREFIX ? { prefix: opts.config.NATS_PREFIX } : {}),
    ...(opts.config.NATS_STREAM_REPLICAS ? { streamReplicas: opts.config.NATS_STREAM_REPLICAS } : {}),
    streams: opts.streams,
  });
  // Counters live in NATS so every instance of the service shares them; routes opt in with app.rateLimits.
  const c = opts.config;
  await app.register(rateLimitsPlugin, {
    kv: await openRateLimitBucket(app.nats, app.messaging.prefix, c.NATS_STREAM_REPLICAS ?? 1),
    settings: {
      windowSeconds: c.RATE_LIMIT_WINDOW_SECONDS ?? 60,
      max: { signIn: c.RATE_LIMIT_SIGN_IN ?? 30, webhook: c.RATE_LIMIT_WEBHOOKS ?? 1200, tokenCheck: c.RATE_LIMIT_TOKEN_CHECKS ?? 120 },
    },
  });
  // Round trips, not the clients' own view: a hung NATS server or database looks "connected" for minutes.
  if (c.READINESS_TIMEOUT_MS) app.readiness.setTimeout(c.READINESS_TIMEOUT_MS);
  app.readiness.add('nats', (timeoutMs) => app.messaging.ping(timeoutMs));
  app.readiness.add('database', (timeoutMs) => pingDatabase(app.db, timeoutMs));
}

// Re-exported so that a service importing only service-kit also sees the `app.db`, `app.nats`,
// `app.publish` and `app.messaging` decorations these plugins declare (also in built .d.ts files).
export type { StoreOptions } from '@ledarsteg/store';
export type { MessagingPluginOptions } from '@ledarsteg/messaging';
