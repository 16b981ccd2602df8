// buildApp for the analyser: week analysis, meetings to challenge, ledartid proposals and leader settings.
import { Consumers, Streams } from '@ledarsteg/contracts';
import { createServer, registerInfrastructure, type ServiceDeps } from '@ledarsteg/service-kit';
import { profileModel } from '@ledarsteg/store';
import type { FastifyInstance } from 'fastify';
import type { AnalyserConfig } from './config.js';
import { onConnectionLinked } from './handlers/connection-linked.js';
import { settingsRoutes } from './routes/settings.js';

export const SERVICE = 'analyser';

export async function buildApp({ config, deps = {} }: { config: AnalyserConfig; deps?: ServiceDeps }): Promise<FastifyInstance> {
  const app = await createServer({ service: SERVICE, logLevel: config.LOG_LEVEL, ...(deps.logger ? { logger: deps.logger } : {}) });
  const now = deps.now ?? (() => new Date());
  await registerInfrastructure(app, {
    service: SERVICE,
    config,
    deps,
    streams: [Streams.calendar, Streams.analysis, Streams.ledartid],
  });
  const profiles = profileModel(app.db);
  await app.register(settingsRoutes, { profiles, now });
  app.addHook('onReady', async () => {
    await app.messaging.consume(Consumers.analyser.connectionLinked, onConnectionLinked(profiles));
  });
  return app;
}
