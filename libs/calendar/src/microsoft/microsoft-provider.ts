// The Microsoft adapter of the CalendarProvider port: Graph delta sync, tagged ledartid blocks, subscriptions, mailbox settings.
import { ProviderError } from '../provider-error.js';
import type {
  AccountIdentity,
  CalendarProvider,
  CalendarSettings,
  EventChange,
  LedartidBlock,
  SyncPage,
  SyncWindow,
  TokenSource,
  Watch,
  WatchRequest,
} from '../provider.js';
import { defaultRetryPolicy, type RetryPolicy, withRetry } from '../retry.js';
import { createGraphClient, GRAPH_BASE_URL, type GraphCall } from './graph-client.js';
import { isGraphStatus, toProviderError } from './graph-errors.js';
import { type ConvertContext, toChange } from './graph-event.js';
import { findBlocks, insertBlock, moveBlock } from './block-writes.js';
import { readMailboxSettings } from './mailbox-settings.js';

export interface MicrosoftProviderOptions {
  tokens: TokenSource;
  /** Graph root without a path, e.g. https://localhost:8443 for the fake. */
  baseUrl?: string;
  retry?: RetryPolicy;
  /** odata.maxpagesize for delta pages. */
  pageSize?: number;
  /** The neutral calendarId of events (Graph's primary calendar). */
  calendarId?: string;
  /** The connected account, known since connect: its address finds the leader among an event's attendees. */
  account?: Pick<AccountIdentity, 'email'>;
  now?: () => Date;
}

/** Outlook event subscriptions may live 10,080 minutes; ask for a little less so clock skew never makes it 400. */
export const MAX_WATCH_MINUTES = 10_080 - 10;

export function createMicrosoftProvider(opts: MicrosoftProviderOptions): CalendarProvider {
  const baseUrl = (opts.baseUrl ?? GRAPH_BASE_URL).replace(/\/+$/, '');
  const client = createGraphClient(opts.tokens, baseUrl);
  const policy = opts.retry ?? defaultRetryPolicy;
  const now = opts.now ?? (() => new Date());
  /** The last mailbox settings read: sync needs the mailbox zone, not a fresh copy each time (adapters are rebuilt hourly). */
  let known: CalendarSettings | undefined;

  /** One Graph call: a 401 refreshes the token once and retries once; failures become ProviderErrors; retryable ones are retried. */
  const call: GraphCall = (what, request) => {
    return withRetry(async () => {
      try {
        return await request(client);
      } catch (err) {
        if (!isGraphStatus(err, 401)) throw toProviderError(err, what);
      }
      await opts.tokens.refresh();
      try {
        return await request(client);
      } catch (err) {
        throw toProviderError(err, what);
      }
    }, policy);
  };

  async function calendarSettings(): Promise<CalendarSettings> {
    known = await readMailboxSettings(call, now());
    return known;
  }

  async function convertContext(): Promise<ConvertContext> {
    const settings = known ?? (await calendarSettings());
    const self = opts.account?.email.toLowerCase();
    return { calendarId: opts.calendarId ?? 'primary', fallbackZone: settings.timeZone, selfAddresses: new Set(self ? [self] : []) };
  }

  function checkedLink(link: unknown, what: string): string {
    if (typeof link !== 'string' || !link.startsWith(`${baseUrl}/`)) throw new ProviderError('bad_response', `Graph ${what} is not a link to ${baseUrl}`);
    return link;
  }

  return {
    name: 'microsoft',
    calendarSettings,

    async *sync(cursor: string | undefined, window: SyncWindow): AsyncIterable<SyncPage> {
      if (cursor !== undefined && (!cursor.startsWith(`${baseUrl}/`) || !cursor.includes('deltatoken='))) {
        throw new ProviderError('sync_token_invalid', 'The cursor is not a Graph deltaLink of this account');
      }
      const ctx = await convertContext();
      // The client does not encode query values: UTC `Z` instants need no encoding.
      let url =
        cursor ?? `/me/calendarView/delta?startDateTime=${window.start.toISOString()}&endDateTime=${window.end.toISOString()}`;
      const prefer = `outlook.timezone="UTC", odata.maxpagesize=${opts.pageSize ?? 50}`;
      for (;;) {
        const page = await call('calendarView delta', (c) => c.api(url).header('Prefer', prefer).get());
        if (!page || typeof page !== 'object' || !Array.isArray(page.value)) throw new ProviderError('bad_response', 'Graph delta page has no value array');
        // Graph may repeat an id within a page; the last row wins.
        const byId = new Map<string, EventChange>();
        for (const row of page.value as unknown[]) {
          const change = toChange(row, ctx);
          const id = change.type === 'delete' ? change.providerEventId : change.event.providerEventId;
          byId.delete(id);
          byId.set(id, change);
        }
        const changes = [...byId.values()];
        if (page['@odata.nextLink'] !== undefined) {
          url = checkedLink(page['@odata.nextLink'], 'nextLink');
          yield { changes };
          continue;
        }
        // The mailbox zone read for this adapter goes with the last page, so a stored zone follows the mailbox's.
        yield { changes, cursor: checkedLink(page['@odata.deltaLink'], 'deltaLink'), timeZone: ctx.fallbackZone };
        return;
      }
    },

    async upsertBlock(block: LedartidBlock) {
      const found = await findBlocks(call, block.blockId);
      const [first, ...extra] = found;
      // Concurrent first bookings could have made two; keep one.
      for (const duplicate of extra) await removeEvent(duplicate.id);
      if (first) {
        await moveBlock(call, first.id, block);
        return { providerEventId: first.id };
      }
      return { providerEventId: await insertBlock(call, block) };
    },

    async removeBlock(blockId: string) {
      for (const event of await findBlocks(call, blockId)) await removeEvent(event.id);
    },

    watch: createSubscription,

    /**
     * Same channel: the subscription is extended in place (PATCH). A new channelId asks for a new channel,
     * which gets its own subscription (the caller stops the old one); so does a subscription Graph removed.
     */
    async renewWatch(watch: Watch, request: WatchRequest): Promise<Watch> {
      if (request.channelId !== watch.channelId) return createSubscription(request);
      const expirationDateTime = cappedExpiry(request.expiresAt).toISOString();
      try {
        const sub = await call('renew subscription', (c) => c.api(`/subscriptions/${encodeURIComponent(watch.resourceId)}`).patch({ expirationDateTime }));
        return toWatch(watch.channelId, sub);
      } catch (err) {
        if (err instanceof ProviderError && err.kind === 'not_found') return createSubscription(request);
        throw err;
      }
    },

    async stopWatch(watch: Watch) {
      try {
        await call('delete subscription', (c) => c.api(`/subscriptions/${encodeURIComponent(watch.resourceId)}`).delete());
      } catch (err) {
        if (!(err instanceof ProviderError && err.kind === 'not_found')) throw err;
      }
    },
  };

  async function createSubscription(request: WatchRequest): Promise<Watch> {
    if (request.secret.length > 128) throw new ProviderError('rejected', 'Graph clientState is limited to 128 characters');
    const body: Record<string, unknown> = {
      changeType: 'created,updated,deleted',
      notificationUrl: request.address,
      resource: '/me/events',
      expirationDateTime: cappedExpiry(request.expiresAt).toISOString(),
      clientState: request.secret,
    };
    if (request.lifecycleAddress) body['lifecycleNotificationUrl'] = request.lifecycleAddress;
    const sub = await call('create subscription', (c) => c.api('/subscriptions').post(body));
    return toWatch(request.channelId, sub);
  }

  async function removeEvent(id: string): Promise<void> {
    try {
      await call('delete event', (c) => c.api(`/me/events/${encodeURIComponent(id)}`).delete());
    } catch (err) {
      if (!(err instanceof ProviderError && err.kind === 'not_found')) throw err;
    }
  }

  function cappedExpiry(expiresAt: Date): Date {
    const max = now().getTime() + MAX_WATCH_MINUTES * 60_000;
    return new Date(Math.min(expiresAt.getTime(), max));
  }

  function toWatch(channelId: string, sub: unknown): Watch {
    const s = sub as { id?: unknown; expirationDateTime?: unknown } | null;
    const expiresAt = typeof s?.expirationDateTime === 'string' ? new Date(s.expirationDateTime) : undefined;
    if (typeof s?.id !== 'string' || !expiresAt || Number.isNaN(expiresAt.getTime())) throw new ProviderError('bad_response', 'Graph subscription without id or expiry');
    return { channelId, resourceId: s.id, expiresAt };
  }
}
