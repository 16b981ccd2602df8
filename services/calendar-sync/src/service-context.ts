// Everything calendar-sync's routes and handlers share: models, cipher, clock, and a provider per connection.
import {
  type CalendarProvider,
  createGoogleProvider,
  createMicrosoftProvider,
  type ProviderName,
  type RetryPolicy,
  type TokenSource,
} from '@ledarsteg/calendar';
import type { Publish } from '@ledarsteg/messaging';
import { eventModel, type StoredEvent } from '@ledarsteg/store';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Model } from 'mongoose';
import type { CalendarSyncConfig } from './config.js';
import { connectionModel, type StoredConnection } from './connections/connection-model.js';
import { ConnectionTokenSource } from './connections/connection-tokens.js';
import { oauthEndpoints } from './connections/provider-endpoints.js';
import { ProviderPauses } from './throttle/provider-pauses.js';
import type { TokenCipher } from './tokens/token-cipher.js';

export interface SyncService {
  config: CalendarSyncConfig;
  connections: Model<StoredConnection>;
  events: Model<StoredEvent>;
  cipher: TokenCipher;
  publish: Publish;
  now: () => Date;
  log: FastifyBaseLogger;
  /** Rate-limit pauses of the provider apps and of single connections. */
  pauses: ProviderPauses;
  /** A provider adapter acting for the stored connection, with its own refreshing TokenSource. */
  providerFor(conn: Pick<StoredConnection, 'connectionId' | 'provider'>): CalendarProvider;
  /** A provider adapter on given tokens (during connect, before anything is stored). */
  providerWith(provider: ProviderName, tokens: TokenSource): CalendarProvider;
}

export function createSyncService(app: FastifyInstance, config: CalendarSyncConfig, opts: { now: () => Date; providerRetry?: RetryPolicy }): SyncService {
  const connections = connectionModel(app.db);
  const service: SyncService = {
    config,
    connections,
    events: eventModel(app.db),
    cipher: app.tokenCipher,
    publish: (subject, data, o) => app.publish(subject, data, o),
    now: opts.now,
    log: app.log,
    pauses: new ProviderPauses(app.db, connections, { google: config.GOOGLE_CLIENT_ID, microsoft: config.MICROSOFT_CLIENT_ID }, opts.now),
    providerFor(conn) {
      const tokens = new ConnectionTokenSource(conn.connectionId, {
        connections,
        cipher: app.tokenCipher,
        publish: service.publish,
        endpoints: oauthEndpoints(config, conn.provider),
        now: opts.now,
        log: app.log,
      });
      return service.providerWith(conn.provider, tokens);
    },
    providerWith(provider, tokens) {
      const retry = opts.providerRetry ? { retry: opts.providerRetry } : {};
      return provider === 'google'
        ? createGoogleProvider({ tokens, rootUrl: config.GOOGLE_API_URL, ...retry })
        : createMicrosoftProvider({ tokens, baseUrl: config.MICROSOFT_GRAPH_URL, now: opts.now, ...retry });
    },
  };
  return service;
}
