// The public shape of a running Microsoft fake: its address and the control API tests and the demo drive it with.
import type { EventInput } from './event-input.js';
import type { FakeClock } from './fake-clock.js';
import type { DeltaQuirks, NotificationDelivery, RequestLogEntry } from './fake-context.js';
import type { FaultRule } from './faults.js';
import type { DeltaInvalidation, FakeAccount, FakeClient, Subscription } from './model.js';
import type { LifecycleEvent } from './notifier.js';
import type { TlsMaterial } from './tls-material.js';

export interface MicrosoftFakeOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Certificate and key to serve; the committed localhost pair by default. */
  tls?: TlsMaterial;
  /** Pins the fake's clock at this instant (it follows real time otherwise). */
  now?: Date;
  /** Delta page size when the client sends no odata.maxpagesize. */
  defaultPageSize?: number;
  validateOnRenew?: boolean;
  requireHttpsNotificationUrl?: boolean;
  validationTimeoutMs?: number;
  logger?: boolean;
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken?: string;
  expiresIn: number;
}

export interface MicrosoftFake {
  /** https://localhost:PORT — Graph's baseUrl and the identity host. */
  readonly url: string;
  readonly port: number;
  readonly clock: FakeClock;
  /** `${url}/${tenant}/oauth2/v2.0` */
  authority(tenant?: string): string;
  addClient(client?: Partial<FakeClient>): FakeClient;
  addAccount(account?: Partial<FakeAccount>): FakeAccount;
  /** Which account the authorize endpoint signs in (login_hint wins), or a refusal. */
  setConsent(consent: { accountId?: string; deny?: boolean }): void;
  /** Grants consent without the browser dance and returns tokens, as a code exchange would. */
  issueTokens(accountId: string, opts?: { clientId?: string; scopes?: string[] }): IssuedTokens;
  /** Acting as the user (or another organizer: `organizer`, `isOrganizer`, `responseStatus` are allowed). */
  createEvent(accountId: string, input: EventInput): { id: string };
  /** `id` may be an occurrence id: the occurrence becomes an exception. */
  updateEvent(accountId: string, id: string, patch: EventInput): void;
  /** Deleting an occurrence id cancels that occurrence only. */
  deleteEvent(accountId: string, id: string): void;
  /** Stored events (singles and series masters) as Graph JSON in UTC, extended properties included. */
  listEvents(accountId: string): Record<string, unknown>[];
  /** Occurrences of a series between two instants (their ids are what Graph clients see). */
  listInstances(accountId: string, seriesId: string, from: Date, to: Date): { id: string; start: string; end: string }[];
  /** Delta pages hold at most `n` rows whatever odata.maxpagesize asks (undefined lifts the cap). */
  limitPageSize(n: number | undefined): void;
  fault(rule: FaultRule): void;
  clearFaults(): void;
  /** Every delta and skip token the account holds stops working, in the given way. */
  invalidateDeltaTokens(accountId: string, mode: DeltaInvalidation): void;
  setDeltaQuirks(accountId: string, quirks: DeltaQuirks): void;
  /** Refresh gives invalid_grant and every access token 401 InvalidAuthenticationToken. */
  revokeGrants(accountId: string): void;
  subscriptions(accountId?: string): Subscription[];
  triggerLifecycle(subscriptionId: string, event: LifecycleEvent): void;
  readonly requestLog: readonly RequestLogEntry[];
  clearRequestLog(): void;
  /** Graph requests whose path (without query) contains `pathIncludes`, optionally of one method. */
  countRequests(pathIncludes: string, method?: string): number;
  readonly deliveries: readonly NotificationDelivery[];
  /** Waits until every notification sent so far has been answered. */
  flushNotifications(): Promise<void>;
  close(): Promise<void>;
}
