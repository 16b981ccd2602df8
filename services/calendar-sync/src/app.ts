// buildApp for calendar-sync: connects leaders' calendars, keeps a faithful copy, writes ledartid blocks.
import cookie from '@fastify/cookie';
import type { RetryPolicy } from '@ledarsteg/calendar';
import { Consumers, Streams } from '@ledarsteg/contracts';
import { createServer, registerInfrastructure, type ServiceDeps } from '@ledarsteg/service-kit';
import type { FastifyInstance } from 'fastify';
import { onBookingRequested } from './booking/on-booking-requested.js';
import type { CalendarSyncConfig } from './config.js';
import { connectRoutes } from './routes/connect.js';
import { connectionRoutes } from './routes/connections.js';
import { webhookRoutes } from './routes/webhooks.js';
import { createSyncService, type SyncService } from './service-context.js';
import { onReplayRequested } from './events/on-replay-requested.js';
import { stampLegacyRevisions } from './events/legacy-revisions.js';
import { onSyncRequested } from './sync/on-sync-requested.js';
import { TokenCipher } from './tokens/token-cipher.js';
import { RENEW_CHECK_MS, startBackgroundTimers } from './watch/background-timers.js';
import { onLifecycleNotified } from './watch/on-lifecycle-notified.js';
import { onAccountDeleted, onDisconnectRequested } from './connections/on-erasure-requested.js';

export const SERVICE = 'calendar-sync';

export interface CalendarSyncDeps extends ServiceDeps {
  /** Retries inside the provider adapters; redelivery does the rest. Tests shorten it. */
  providerRetry?: RetryPolicy;
  /** How often watches are checked for renewal; default hourly. */
  renewCheckMs?: number;
  /** Polling backstop period; default POLL_INTERVAL_MINUTES. Tests shorten it. */
  pollIntervalMs?: number;
  /** Redelivery delays of this service's consumers; default the contract's. Tests shorten them. */
  redeliveryBackoffMs?: number[];
}

export async function buildApp({ config, deps = {} }: { config: CalendarSyncConfig; deps?: CalendarSyncDeps }): Promise<FastifyInstance> {
  // Fail before listening if the keys are unusable: tokens could be neither stored nor read.
  const cipher = new TokenCipher(config.TOKEN_KEYS);
  const app = await createServer({
    service: SERVICE,
    logLevel: config.LOG_LEVEL,
    trustProxyHops: config.TRUST_PROXY_HOPS, publicUrl: config.PUBLIC_URL,
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
  await registerInfrastructure(app, { service: SERVICE, config, deps, streams: [Streams.calendar, Streams.ledartid, Streams.leader] });
  app.decorate('tokenCipher', cipher);
  const svc = createSyncService(app, config, { now: deps.now ?? (() => new Date()), ...(deps.providerRetry ? { providerRetry: deps.providerRetry } : {}) });
  app.decorate('calendarSync', svc);

  await app.register(cookie);
  await app.register(connectRoutes, { svc });
  await app.register(connectionRoutes, { svc });
  await app.register(webhookRoutes, { svc });

  let stopTimers: (() => Promise<void>) | undefined;
  app.addHook('onReady', async () => {
    await stampLegacyRevisions(svc);
    const backoff = deps.redeliveryBackoffMs ? { backoffMs: deps.redeliveryBackoffMs } : {};
    const syncDef = { ...Consumers.calendarSync.syncRequested, ...backoff };
    const bookingDef = { ...Consumers.calendarSync.bookingRequested, ...backoff };
    await app.messaging.consume(syncDef, onSyncRequested(svc, { maxDeliver: syncDef.maxDeliver }));
    await app.messaging.consume(bookingDef, onBookingRequested(svc, svc.bookingLedger, { maxDeliver: bookingDef.maxDeliver }));
    await app.messaging.consume({ ...Consumers.calendarSync.replayRequested, ...backoff }, onReplayRequested(svc));
    await app.messaging.consume({ ...Consumers.calendarSync.lifecycleNotified, ...backoff }, onLifecycleNotified(svc));
    await app.messaging.consume({ ...Consumers.calendarSync.disconnectRequested, ...backoff }, onDisconnectRequested(svc));
    await app.messaging.consume({ ...Consumers.calendarSync.accountDeleted, ...backoff }, onAccountDeleted(svc));
    stopTimers = startBackgroundTimers(svc, {
      pollMs: deps.pollIntervalMs ?? config.POLL_INTERVAL_MINUTES * 60_000,
      renewCheckMs: deps.renewCheckMs ?? RENEW_CHECK_MS,
    });
  });
  // Registered after messaging, so it runs first: running ticks finish before the consumers stop and NATS drains.
  app.addHook('onClose', async () => {
    await stopTimers?.();
  });
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    tokenCipher: TokenCipher;
    calendarSync: SyncService;
  }
}
