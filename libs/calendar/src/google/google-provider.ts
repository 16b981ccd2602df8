// createGoogleProvider(): the CalendarProvider port implemented on @googleapis/calendar v3.
import type { calendar_v3 } from '@googleapis/calendar';
import { IANAZone } from 'luxon';
import { ProviderError } from '../provider-error.js';
import type {
  AccountProfile,
  CalendarProvider,
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
      const zone = data.timeZone && IANAZone.isValidZone(data.timeZone) ? data.timeZone : 'UTC';
      const changes = (data.items ?? []).map((item) => toEventChange(item, calendarId, zone));
      pageToken = data.nextPageToken ?? undefined;
      if (!pageToken && !data.nextSyncToken) throw new ProviderError('bad_response', 'google events.list: last page without nextSyncToken');
      yield pageToken ? { changes } : { changes, cursor: data.nextSyncToken as string };
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

  async function profile(): Promise<AccountProfile> {
    const { data } = await client.run('calendars.get', (api) => api.calendars.get({ calendarId }));
    if (!data.id || !data.timeZone || !IANAZone.isValidZone(data.timeZone)) throw new ProviderError('bad_response', 'google calendars.get: no id or zone');
    return { accountId: data.id, email: data.id, timeZone: data.timeZone, ...(data.summary && data.summary !== data.id ? { displayName: data.summary } : {}) };
  }

  return {
    name: 'google',
    profile,
    sync,
    upsertBlock,
    removeBlock,
    watch,
    // Google channels cannot be extended: open a new one; the caller stops the old one once it overlaps.
    renewWatch: (_old, request) => watch(request),
    stopWatch,
  };
}
