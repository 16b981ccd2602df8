// buildApp for the coach service: coaches see only what their leaders consented to share, and lose it when consent goes.
import { Consumers, Streams } from '@ledarsteg/contracts';
import { createServer, registerInfrastructure, type ServiceDeps } from '@ledarsteg/service-kit';
import type { FastifyInstance } from 'fastify';
import { parseCoachTokens } from './coach-tokens.js';
import type { CoachConfig } from './config.js';
import { consentModel, consentRepository } from './consent-model.js';
import { onSettingsChanged } from './handlers/settings-changed.js';
import { onWeekCompleted } from './handlers/week-completed.js';
import { onAccountDeleted, onConnectionDisconnected } from './handlers/erasure.js';
import { Collections } from './collections.js';
import { ErasureLedger } from '@ledarsteg/store';
import { leaderRoutes } from './routes/leaders.js';
import type { Authenticator } from './identity/principal.js';
import type { CoachService } from './service-context.js';
import { weekSummaryModel, weekSummaryRepository } from './week-summary-model.js';

export const SERVICE = 'coach';

export interface CoachDeps extends ServiceDeps {
  /** Resolves the caller of each request; the front door's own sign-in (sessions, API tokens) when not given. */
  authenticate?: Authenticator;
}

export async function buildApp({ config, deps = {} }: { config: CoachConfig; deps?: CoachDeps }): Promise<FastifyInstance> {
  // Parsed before anything connects, so a bad token list fails fast.
  const tokens = parseCoachTokens(config.COACH_TOKENS);
  const app = await createServer({
    service: SERVICE,
    logLevel: config.LOG_LEVEL,
    trustProxyHops: config.TRUST_PROXY_HOPS,
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
  await registerInfrastructure(app, {
    service: SERVICE,
    config,
    deps,
    streams: [Streams.analysis, Streams.calendar, Streams.leader],
  });
  // Every request learns its caller first; routes decide what that caller may see.
  app.decorateRequest('principal', null);
  const authenticate = deps.authenticate;
  if (authenticate) {
    app.addHook('onRequest', async (req) => {
      req.principal = await authenticate(req);
    });
  }
  const svc: CoachService = {
    consents: consentRepository(consentModel(app.db)),
    summaries: weekSummaryRepository(weekSummaryModel(app.db)),
    tokens,
    erasures: new ErasureLedger(app.db, Collections.erasures),
    log: app.log,
  };
  await app.register(leaderRoutes, { prefix: '/coach', svc });
  app.addHook('onReady', async () => {
    await app.messaging.consume(Consumers.coach.settingsChanged, onSettingsChanged(svc));
    await app.messaging.consume(Consumers.coach.weekCompleted, onWeekCompleted(svc));
    await app.messaging.consume(Consumers.coach.connectionDisconnected, onConnectionDisconnected(svc));
    await app.messaging.consume(Consumers.coach.accountDeleted, onAccountDeleted(svc));
  });
  return app;
}
