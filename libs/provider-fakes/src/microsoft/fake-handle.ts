// The public shape of a running Microsoft fake: its address and the control API tests and the demo drive it with.
import type { IdTokenFault } from '../oidc/id-token-faults.js';
import type { EventInput } from './event-input.js';
import type { FakeClock } from './fake-clock.js';
import type { ConsentSettings, DeltaQuirks, NotificationDelivery, RequestLogEntry } from './fake-context.js';
import type { FaultRule } from './faults.js';
import type { DeltaInvalidation, FakeAccount, FakeClient, Grant, Subscription } from './model.js';
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
  /** When openid was granted. */
  idToken?: string;
  expiresIn: number;
}

export interface MicrosoftFake {
  /** https://localhost:PORT — Graph's baseUrl and the identity host. */
  readonly url: string;
  readonly port: number;
  readonly clock: FakeClock;
  /** `${url}/${tenant}/oauth2/v2.0` */
  authority(tenant?: string): string;
  /** `${url}/${tenant}/v2.0/.well-known/openid-configuration`; the issuer it names is login.microsoftonline.com's. */
  openidConfigurationUrl(tenant?: string): string;
  addClient(client?: Partial<FakeClient>): FakeClient;
  addAccount(account?: Partial<FakeAccount>): FakeAccount;
  /**
   * Which account the authorize endpoint signs in (login_hint wins), a refusal (`deny`), or permissions the tenant
   * refuses (`refuseScopes`, e.g. ['Calendars.ReadWrite']): those are left out of the grant and the token response's scope.
   */
  setConsent(consent: ConsentSettings): void;
  /** Grants consent without the browser dance and returns tokens, as a code exchange would (openid ⇒ an ID token). */
  issueTokens(accountId: string, opts?: { clientId?: string; scopes?: string[]; nonce?: string }): IssuedTokens;
  /** Every grant made so far (copies), with the scopes it holds and whether it was revoked. */
  grants(accountId?: string): Grant[];
  /**
   * The next ID tokens (one unless `times`) come out faulty: `foreign-key`, `wrong-audience`, `expired` or `replay`
   * (see IdTokenFaultKind). For sign-in tests: a relying party must refuse each.
   */
  injectIdTokenFault(fault: IdTokenFault): void;
  clearIdTokenFaults(): void;
  /** Starts signing ID tokens with a new key (returned `kid`); the old key stays in the JWK Set for a while. */
  rotateSigningKey(): string;
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
