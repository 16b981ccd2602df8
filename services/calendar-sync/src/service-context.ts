// The service context `svc`: what calendar-sync's routes and handlers share: repositories, cipher, clock, a provider per connection.
import {
  type AccountIdentity,
  type CalendarProvider,
  createGoogleProvider,
  createMicrosoftProvider,
  type ProviderName,
  type RetryPolicy,
  type TokenSource,
} from '@ledarsteg/calendar';
import type { Publish } from '@ledarsteg/messaging';
import { SideEffectLedger } from '@ledarsteg/store';
import { Collections } from './collections.js';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { CalendarSyncConfig } from './config.js';
import { connectionModel, type StoredConnection } from './connections/connection-model.js';
import { type ConnectionRepository, connectionRepository } from './connections/connection-repository.js';
import { ConnectionTokenSource } from './connections/connection-tokens.js';
import { oauthEndpoints } from './connections/provider-endpoints.js';
import { eventModel } from './events/event-model.js';
import { type EventRepository, eventRepository } from './events/event-repository.js';
import { pauseModel, ProviderPauses } from './throttle/provider-pauses.js';
import type { TokenCipher } from './tokens/token-cipher.js';

export interface SyncService {
  config: CalendarSyncConfig;
  connections: ConnectionRepository;
  events: EventRepository;
  cipher: TokenCipher;
  publish: Publish;
  now: () => Date;
  log: FastifyBaseLogger;
  /** Rate-limit pauses of the provider apps and of single connections. */
  pauses: ProviderPauses;
  /** The exactly-once guard of every calendar write (ledartid blocks), keyed by request id. */
  bookingLedger: SideEffectLedger;
  /** A provider adapter acting for the stored connection, with its own refreshing TokenSource. */
  providerFor(conn: Pick<StoredConnection, 'connectionId' | 'provider' | 'email'>): CalendarProvider;
  /** A provider adapter on given tokens (during connect, before anything is stored); `account` when it is known. */
  providerWith(provider: ProviderName, tokens: TokenSource, account?: Pick<AccountIdentity, 'email'>): CalendarProvider;
}

/** A cached adapter is rebuilt after this long, so a changed mailbox zone is picked up (and, from there, stored). */
const ADAPTER_TTL_MS = 60 * 60_000;
const MAX_CACHED_ADAPTERS = 2_000;

export function createSyncService(app: FastifyInstance, config: CalendarSyncConfig, opts: { now: () => Date; providerRetry?: RetryPolicy }): SyncService {
  const adapters = new Map<string, { provider: CalendarProvider; at: number }>();
  const connections = connectionRepository(connectionModel(app.db));
  const svc: SyncService = {
    config,
    connections,
    events: eventRepository(eventModel(app.db)),
    cipher: app.tokenCipher,
    publish: (subject, data, o) => app.publish(subject, data, o),
    now: opts.now,
    log: app.log,
    bookingLedger: new SideEffectLedger(app.db, Collections.bookings),
    pauses: new ProviderPauses(pauseModel(app.db), connections, { google: config.GOOGLE_CLIENT_ID, microsoft: config.MICROSOFT_CLIENT_ID }, opts.now),
    providerFor(conn) {
      // Adapters remember the account's zone and address: reusing one saves two profile reads per sync.
      const cached = adapters.get(conn.connectionId);
      if (cached && cached.provider.name === conn.provider && opts.now().getTime() - cached.at < ADAPTER_TTL_MS) return cached.provider;
      const tokens = new ConnectionTokenSource(conn.connectionId, {
        connections,
        cipher: app.tokenCipher,
        // Bound late: a cached token source must use the service's publisher as it is now.
        publish: (subject, data, o) => svc.publish(subject, data, o),
        endpoints: oauthEndpoints(config, conn.provider),
        now: opts.now,
        log: app.log,
      });
      // The identity came from the ID token at connect and is stored: the adapter needs the address, not a /me call.
      const provider = svc.providerWith(conn.provider, tokens, { email: conn.email });
      adapters.delete(conn.connectionId);
      if (adapters.size >= MAX_CACHED_ADAPTERS) adapters.delete(adapters.keys().next().value as string);
      adapters.set(conn.connectionId, { provider, at: opts.now().getTime() });
      return provider;
    },
    providerWith(provider, tokens, account) {
      const retry = opts.providerRetry ? { retry: opts.providerRetry } : {};
      return provider === 'google'
        ? createGoogleProvider({ tokens, rootUrl: config.GOOGLE_API_URL, ...retry })
        : createMicrosoftProvider({ tokens, baseUrl: config.MICROSOFT_GRAPH_URL, now: opts.now, ...(account ? { account } : {}), ...retry });
    },
  };
  return svc;
}
