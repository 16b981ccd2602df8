// buildApp for the analyser: week analysis, meetings to challenge, ledartid proposals, booking and defence, leader settings.
import { Consumers, Streams } from '@ledarsteg/contracts';
import { createServer, registerInfrastructure, type ServiceDeps } from '@ledarsteg/service-kit';
import type { FastifyInstance } from 'fastify';
import { type AnalyserContext, createContext } from './analyser-context.js';
import { startScheduler } from './booking/auto-book-scheduler.js';
import { bookNextWeek } from './booking/book-next-week.js';
import type { AnalyserConfig } from './config.js';
import { onBookingCompleted, onBookingFailed } from './handlers/booking-outcome.js';
import { onConnectionLinked } from './handlers/connection-linked.js';
import { onEventsSynced } from './handlers/events-synced.js';
import { settingsRoutes } from './routes/settings.js';
import { weekRoutes } from './routes/weeks.js';

export const SERVICE = 'analyser';

/** Synced messages of different leaders run side by side; one leader's burst collapses in the recompute queue. */
const SYNCED_CONCURRENCY = 4;

export async function buildApp({ config, deps = {} }: { config: AnalyserConfig; deps?: ServiceDeps }): Promise<FastifyInstance> {
  const app = await createServer({ service: SERVICE, logLevel: config.LOG_LEVEL, ...(deps.logger ? { logger: deps.logger } : {}) });
  const now = deps.now ?? (() => new Date());
  await registerInfrastructure(app, {
    service: SERVICE,
    config,
    deps,
    streams: [Streams.calendar, Streams.analysis, Streams.ledartid],
  });
  const ctx = createContext(app, config, now);
  app.decorate('analyser', ctx);
  await app.register(settingsRoutes, {
    profiles: ctx.profiles,
    now,
    onAutoBookEnabled: async (userId, correlationId) => void (await bookNextWeek(ctx, userId, { log: app.log, correlationId })),
  });
  await app.register(weekRoutes, { ctx });

  let stopScheduler: (() => Promise<void>) | undefined;
  app.addHook('onReady', async () => {
    await app.messaging.consume(Consumers.analyser.connectionLinked, onConnectionLinked(ctx));
    await app.messaging.consume(Consumers.analyser.eventsSynced, onEventsSynced(ctx), { concurrency: SYNCED_CONCURRENCY });
    await app.messaging.consume(Consumers.analyser.bookingCompleted, onBookingCompleted(ctx));
    await app.messaging.consume(Consumers.analyser.bookingFailed, onBookingFailed(ctx));
    stopScheduler = startScheduler(ctx, config.AUTO_BOOK_CHECK_SECONDS * 1000);
  });
  // Registered after messaging, so the timer stops before consumers stop and NATS drains.
  app.addHook('onClose', async () => stopScheduler?.());
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    analyser: AnalyserContext;
  }
}
