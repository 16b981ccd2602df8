// Everything the Microsoft fake's routes share: clock, stores, faults, delta sessions, subscriptions and the request log.
import type { IdTokenMinter } from '../oidc/id-token-faults.js';
import type { SigningKeys } from '../oidc/signing-keys.js';
import type { EventStore } from './event-store.js';
import type { FakeClock } from './fake-clock.js';
import type { FaultBoard } from './faults.js';
import type { IdentityStore } from './identity-store.js';
import type { DeltaInvalidation, Subscription } from './model.js';

export interface RequestLogEntry {
  at: string;
  method: string;
  /** Path and query as received. */
  url: string;
  status: number;
  area: 'graph' | 'identity' | 'other';
  accountId?: string;
}

export interface DeltaTokenState {
  accountId: string;
  start: number;
  end: number;
  /** Changes with a higher sequence number are what the next round returns. */
  seq: number;
  invalidated?: DeltaInvalidation;
}

export interface SkipSession {
  accountId: string;
  items: Record<string, unknown>[];
  offset: number;
  pageSize: number;
  next: DeltaTokenState;
  invalidated?: DeltaInvalidation;
}

export interface DeltaQuirks {
  /** Every row is sent twice on the same page (Graph is known to repeat ids). */
  duplicateIds?: boolean;
  /** The next deltaLink does not advance: the following round replays the same changes. */
  replay?: boolean;
}

export interface NotificationDelivery {
  url: string;
  body: unknown;
  status?: number;
  error?: string;
}

/** How the authorize endpoint behaves: who signs in, a refusal, or permissions the tenant refuses. */
export interface ConsentSettings {
  accountId?: string;
  deny?: boolean;
  /** Permissions the tenant refuses: left out of the grant, the token's permissions and the response's scope. */
  refuseScopes?: string[];
}

export interface FakeContext {
  clock: FakeClock;
  identity: IdentityStore;
  signingKeys: SigningKeys;
  idTokens: IdTokenMinter;
  events: EventStore;
  faults: FaultBoard;
  deltaTokens: Map<string, DeltaTokenState>;
  skipSessions: Map<string, SkipSession>;
  deltaQuirks: Map<string, DeltaQuirks>;
  subscriptions: Map<string, Subscription>;
  requestLog: RequestLogEntry[];
  deliveries: NotificationDelivery[];
  pendingDeliveries: Set<Promise<void>>;
  consent: ConsentSettings;
  options: { validateOnRenew: boolean; requireHttpsNotificationUrl: boolean; validationTimeoutMs: number; defaultPageSize: number; maxPageSize?: number };
}
