// The CalendarProvider port: what calendar-sync needs from Google or Microsoft, in provider-neutral terms.
import type { CalendarEvent, WorkingDay } from '@ledarsteg/contracts';

export type ProviderName = 'google' | 'microsoft';

/** An event as a provider adapter produces it: the neutral event, before it is assigned to a user. */
export type ProviderEvent = Omit<CalendarEvent, 'userId'>;

/**
 * Supplies access tokens. Implemented by calendar-sync, which owns refresh, rotation,
 * encryption and `invalid_grant` handling. `refresh()` throws a ProviderError of kind
 * `invalid_grant` when the grant is dead.
 */
export interface TokenSource {
  accessToken(): Promise<string>;
  refresh(): Promise<string>;
}

/**
 * Who the connected account is. Established once, at connect, from the provider's verified OpenID Connect ID
 * token (see identity/), and stored with the connection: no calendar call is spent on it.
 */
export interface AccountIdentity {
  /** Stable id of the account at the provider: Google's `sub`, Microsoft's `oid`. */
  accountId: string;
  email: string;
  displayName?: string;
}

/** What the calendar says about itself. */
export interface CalendarSettings {
  /** IANA zone of the calendar (Windows zone names are converted). */
  timeZone: string;
  /** Where the provider keeps them (Microsoft: the mailbox's working hours). */
  workingHours?: WorkingDay[];
}

export interface SyncWindow {
  start: Date;
  end: Date;
}

export type EventChange =
  | { type: 'upsert'; event: ProviderEvent }
  /** The event (or a single instance) is gone. `seriesId` is set when the provider says so. */
  | { type: 'delete'; providerEventId: string; seriesId?: string };

export interface SyncPage {
  changes: EventChange[];
  /** Set on the last page only: where the next incremental sync starts. */
  cursor?: string;
  /** The calendar's current zone (IANA), when the provider tells it along with the page, so a stored zone stays current. */
  timeZone?: string;
}

export interface LedartidBlock {
  /** Our stable id (base32hex, 5–64 chars): the idempotency key at the provider. */
  blockId: string;
  start: Date;
  end: Date;
  timeZone: string;
  title: string;
  description: string;
}

export interface WatchRequest {
  /** Our id for the channel/subscription (≤ 64 chars). */
  channelId: string;
  /** HTTPS address notifications are sent to. */
  address: string;
  /** Secret echoed back in every notification (Google token / Graph clientState). */
  secret: string;
  /** Where Graph sends lifecycle notifications; ignored by Google. */
  lifecycleAddress?: string;
  expiresAt: Date;
}

export interface Watch {
  channelId: string;
  /** Google resourceId, or the Graph subscription id. */
  resourceId: string;
  expiresAt: Date;
}

export interface CalendarProvider {
  readonly name: ProviderName;
  /** The calendar's zone and, where the provider keeps them, the working hours. */
  calendarSettings(): Promise<CalendarSettings>;
  /**
   * Streams changes page by page. Without a cursor: a full sync of `window`, every live event as an upsert.
   * With a cursor: only what changed since. A dead cursor throws ProviderError `sync_token_invalid`.
   * Only the last page carries the next cursor; store it after every page was applied.
   */
  sync(cursor: string | undefined, window: SyncWindow): AsyncIterable<SyncPage>;
  /** Creates or moves a ledartid block; safe to call again with the same blockId. Returns the provider's event id. */
  upsertBlock(block: LedartidBlock): Promise<{ providerEventId: string }>;
  /** Removes a ledartid block; removing one that is already gone succeeds. */
  removeBlock(blockId: string): Promise<void>;
  watch(request: WatchRequest): Promise<Watch>;
  /** Extends a watch where the provider can (Graph); Google creates a new channel instead. */
  renewWatch(watch: Watch, request: WatchRequest): Promise<Watch>;
  stopWatch(watch: Watch): Promise<void>;
}
