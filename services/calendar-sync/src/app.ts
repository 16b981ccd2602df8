// buildApp for calendar-sync: connects leaders' calendars, keeps a faithful copy, writes ledartid blocks.
import { Streams } from '@ledarsteg/contracts';
import { createServer, registerInfrastructure, type ServiceDeps } from '@ledarsteg/service-kit';
import type { FastifyInstance } from 'fastify';
import type { CalendarSyncConfig } from './config.js';
import { TokenCipher } from './tokens/token-cipher.js';

export const SERVICE = 'calendar-sync';

export async function buildApp({ config, deps = {} }: { config: CalendarSyncConfig; deps?: ServiceDeps }): Promise<FastifyInstance> {
  // Fail before listening if the keys are unusable: tokens could be neither stored nor read.
  const cipher = new TokenCipher(config.TOKEN_KEYS);
  const app = await createServer({ service: SERVICE, logLevel: config.LOG_LEVEL, ...(deps.logger ? { logger: deps.logger } : {}) });
  await registerInfrastructure(app, { service: SERVICE, config, deps, streams: [Streams.calendar, Streams.ledartid] });
  app.decorate('tokenCipher', cipher);
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    tokenCipher: TokenCipher;
  }
}
