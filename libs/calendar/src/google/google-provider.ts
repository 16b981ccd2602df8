// createGoogleProvider(): the CalendarProvider port implemented on @googleapis/calendar v3.
import type { calendar_v3 } from '@googleapis/calendar';
import { isKnownZone } from '@ledarsteg/contracts';
import { ProviderError } from '../provider-error.js';
import type {
  CalendarProvider,
  CalendarSettings,
  LedartidBlock,
  SyncPage,
  SyncWindow,
  TokenSource,
  Watch,
  WatchRequest,
} from '../provider.js';
import type { RetryPolicy } from '../retry.js';
import { GoogleClient } from './google-client.js';
import { LEDARTID_PROPERTY, toEventChange } from './google-event.js';

export interface GoogleProviderOptions {
  tokens: TokenSource;
  /** Default https://www.googleapis.com/ ; point at the fake in tests. */
  rootUrl?: string;
  /** Default `primary`. */
  calendarId?: string;
  retry?: RetryPolicy;
  /** Items asked per events.list page; default and maximum 2500. */
  pageSize?: number;
}

const BLOCK_ID = /^[a-v0-9]{5,64}$/;

const calendarZone = (zone: string | null | undefined): string | undefined => (zone && isKnownZone(zone) ? zone : undefined);

function ignoreGone(err: unknown): void {
  if (err instanceof ProviderError && err.kind === 'not_found') return;
  throw err;
}

export function createGoogleProvider(opts: GoogleProviderOptions): CalendarProvider {
  const client = new GoogleClient(opts);
  const calendarId = opts.calendarId ?? 'primary';
  const pageSize = Math.min(Math.max(1, opts.pageSize ?? 2500), 2500);

  async function* sync(cursor: string | undefined, window: SyncWindow): AsyncIterable<SyncPage> {
    if (!cursor && !(window.end > window.start)) throw new RangeError('sync window is empty');
    let pageToken: string | undefined;
    do {
      const base: calendar_v3.Params$Resource$Events$List = { calendarId, singleEvents: true, maxResults: pageSize };
      // With a sync token Google forbids the time bounds, and always includes deletions.
      const params: calendar_v3.Params$Resource$Events$List = cursor
        ? { ...base, syncToken: cursor }
        : { ...base, timeMin: window.start.toISOString(), timeMax: window.end.toISOString(), showDeleted: false };
      if (pageToken) params.pageToken = pageToken;
      const { data } = await client.run('events.list', (api) => api.events.list(params));
      const reported = calendarZone(data.timeZone);
      const changes = (data.items ?? []).map((item) => toEventChange(item, calendarId, reported ?? 'UTC'));
      pageToken = data.nextPageToken ?? undefined;
      if (!pageToken && !data.nextSyncToken) throw new ProviderError('bad_response', 'google events.list: last page without nextSyncToken');
      const page: SyncPage = pageToken ? { changes } : { changes, cursor: data.nextSyncToken as string };
      // Every events.list response names the calendar's zone: passed on, so a stored zone follows the leader's.
      if (reported) page.timeZone = reported;
      yield page;
    } while (pageToken);
  }

  async function upsertBlock(block: LedartidBlock): Promise<{ providerEventId: string }> {
    if (!BLOCK_ID.test(block.blockId)) throw new RangeError(`blockId must be base32hex (5–64): ${block.blockId}`);
    if (!(block.end > block.start)) throw new RangeError('block end must be after its start');
    const start = { dateTime: block.start.toISOString(), timeZone: block.timeZone };
    const end = { dateTime: block.end.toISOString(), timeZone: block.timeZone };
    try {
      const { data } = await client.run('events.insert', (api) =>
        api.events.insert({
          calendarId,
          sendUpdates: 'none',
          requestBody: {
            id: block.blockId,
            summary: block.title,
            description: block.description,
            start,
            end,
            transparency: 'opaque',
            visibility: 'private',
            extendedProperties: { private: { [LEDARTID_PROPERTY]: block.blockId } },
            reminders: { useDefault: false, overrides: [] },
          },
        }),
      );
      return { providerEventId: data.id ?? block.blockId };
    } catch (err) {
      if (!(err instanceof ProviderError && err.kind === 'conflict')) throw err;
    }
    // Already there (a retry, or a move): put it where the block now is, reviving it if the leader deleted it.
    const { data } = await client.run('events.patch', (api) =>
      api.events.patch({
        calendarId,
        eventId: block.blockId,
        sendUpdates: 'none',
        requestBody: { start, end, summary: block.title, description: block.description, status: 'confirmed' },
      }),
    );
    return { providerEventId: data.id ?? block.blockId };
  }

  async function removeBlock(blockId: string): Promise<void> {
    if (!BLOCK_ID.test(blockId)) throw new RangeError(`blockId must be base32hex (5–64): ${blockId}`);
    await client.run('events.delete', (api) => api.events.delete({ calendarId, eventId: blockId, sendUpdates: 'none' })).catch(ignoreGone);
  }

  async function watch(request: WatchRequest): Promise<Watch> {
    const { data } = await client.run('events.watch', (api) =>
      api.events.watch({
        calendarId,
        requestBody: {
          id: request.channelId,
          type: 'web_hook',
          address: request.address,
          token: request.secret,
          expiration: String(request.expiresAt.getTime()),
        },
      }),
    );
    const expiration = Number(data.expiration);
    if (!data.id || !data.resourceId || !Number.isFinite(expiration)) throw new ProviderError('bad_response', 'google events.watch: incomplete channel');
    return { channelId: data.id, resourceId: data.resourceId, expiresAt: new Date(expiration) };
  }

  async function stopWatch(w: Watch): Promise<void> {
    await client
      .run('channels.stop', (api) => api.channels.stop({ requestBody: { id: w.channelId, resourceId: w.resourceId } }))
      .catch(ignoreGone);
  }

  /**
   * The zone from a one-item events.list: it answers with the calendar's `timeZone` under the events scope, where
   * calendars.get or settings.get would need a calendar or settings scope. Google keeps no working hours we can read.
   */
  async function calendarSettings(): Promise<CalendarSettings> {
    const { data } = await client.run('events.list', (api) => api.events.list({ calendarId, maxResults: 1 }));
    const timeZone = calendarZone(data.timeZone);
    if (!timeZone) throw new ProviderError('bad_response', 'google events.list: no valid calendar zone');
    return { timeZone };
  }

  return {
    name: 'google',
    calendarSettings,
    sync,
    upsertBlock,
    removeBlock,
    watch,
    // Google channels cannot be extended: open a new one; the caller stops the old one once it overlaps.
    renewWatch: (_old, request) => watch(request),
    stopWatch,
  };
}
