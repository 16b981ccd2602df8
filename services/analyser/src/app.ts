// buildApp for the analyser: week analysis, meetings to challenge, ledartid proposals, booking and defence, leader settings.
import { Consumers, Streams } from '@ledarsteg/contracts';
import { createServer, registerInfrastructure, type ServiceDeps } from '@ledarsteg/service-kit';
import type { FastifyInstance } from 'fastify';
import { startScheduler } from './booking/auto-book-scheduler.js';
import { bookNextWeek } from './booking/book-next-week.js';
import type { AnalyserConfig } from './config.js';
import { onBookingCompleted, onBookingFailed } from './handlers/booking-outcome.js';
import { onConnectionLinked } from './handlers/connection-linked.js';
import { onDigestPreferencesRequested } from './handlers/digest-preferences.js';
import { onProposalDecided } from './handlers/proposal-decided.js';
import { onEventsChanged } from './handlers/events-changed.js';
import { onConnectionDisconnected } from './handlers/connection-disconnected.js';
import { onSettingsChanged } from './handlers/settings-changed.js';
import { accountRoutes } from './routes/account.js';
import { finishUnfinishedDeletions, relayWaiting } from './erasure/erase-leader.js';
import { settingsRoutes } from './routes/settings.js';
import { weekRoutes } from './routes/weeks.js';
import { ensureProjectionRequested } from './calendar/projection-state.js';
import { type AnalyserService, createAnalyserService } from './service-context.js';

export const SERVICE = 'analyser';

/** Changes run side by side, in any order (they apply by revision); one leader's burst collapses in the recompute queue. */
const CHANGED_CONCURRENCY = 4;

export async function buildApp({ config, deps = {} }: { config: AnalyserConfig; deps?: ServiceDeps }): Promise<FastifyInstance> {
  const app = await createServer({
    service: SERVICE,
    logLevel: config.LOG_LEVEL,
    trustProxyHops: config.TRUST_PROXY_HOPS,
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
  const now = deps.now ?? (() => new Date());
  await registerInfrastructure(app, {
    service: SERVICE,
    config,
    deps,
    streams: [Streams.calendar, Streams.analysis, Streams.ledartid, Streams.leader, Streams.notification],
  });
  const svc = createAnalyserService(app, config, now);
  app.decorate('analyser', svc);
  await app.register(settingsRoutes, {
    svc,
    onAutoBookEnabled: async (userId, correlationId) => void (await bookNextWeek(svc, userId, { log: app.log, correlationId })),
  });
  await app.register(weekRoutes, { svc });
  await app.register(accountRoutes, { svc });

  let stopScheduler: (() => Promise<void>) | undefined;
  app.addHook('onReady', async () => {
    // The migration of an installation whose analyser read calendar-sync's collection: build the projection once.
    await ensureProjectionRequested(svc).catch((err: unknown) => app.log.warn({ err }, 'projection request not yet published; the scheduler retries'));
    await app.messaging.consume(Consumers.analyser.connectionLinked, onConnectionLinked(svc));
    await app.messaging.consume(Consumers.analyser.eventsChanged, onEventsChanged(svc), { concurrency: CHANGED_CONCURRENCY });
    await app.messaging.consume(Consumers.analyser.bookingCompleted, onBookingCompleted(svc));
    await app.messaging.consume(Consumers.analyser.bookingFailed, onBookingFailed(svc));
    await app.messaging.consume(Consumers.analyser.settingsChanged, onSettingsChanged(svc));
    await app.messaging.consume(Consumers.analyser.connectionDisconnected, onConnectionDisconnected(svc));
    // What a stopped process left in the outbox goes out now, not a tick later.
    await relayWaiting(svc, app.log).catch((err: unknown) => app.log.warn({ err }, 'outbox not relayed at start; the scheduler retries'));
    await finishUnfinishedDeletions(svc, app.log);
    await app.messaging.consume(Consumers.analyser.proposalDecided, onProposalDecided(svc));
    await app.messaging.consume(Consumers.analyser.digestPreferencesRequested, onDigestPreferencesRequested(svc));
    stopScheduler = startScheduler(svc, config.AUTO_BOOK_CHECK_SECONDS * 1000);
  });
  // Registered after messaging, so the timer stops before consumers stop and NATS drains.
  app.addHook('onClose', async () => stopScheduler?.());
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    analyser: AnalyserService;
  }
}
