// Paging and sync tokens of events.list: snapshots served page by page, nextSyncToken on the last page only.
import { randomBytes } from 'node:crypto';
import type { CalendarState, CalendarStore } from './calendar-store.js';
import { googleErrors } from './errors.js';
import { type ListParams, selectEvents } from './event-query.js';
import type { EventResource } from './types.js';

export interface PagingOptions {
  /** Serve at most this many items per page, whatever maxResults asks. */
  pageSizeCap?: number;
  /** Put an empty page (with nextPageToken) before every non-empty page. */
  emptyPages?: boolean;
}

interface SyncTokenBody {
  c: string;
  s: number;
  e: number;
  se: boolean;
}

interface Snapshot {
  calendarId: string;
  epoch: number;
  items: EventResource[];
  offset: number;
  pendingEmpty: boolean;
  nextSyncToken: string;
}

export interface EventsPage {
  kind: 'calendar#events';
  etag: string;
  summary: string;
  updated: string;
  timeZone: string;
  accessRole: 'owner';
  defaultReminders: { method: string; minutes: number }[];
  items: EventResource[];
  nextPageToken?: string;
  nextSyncToken?: string;
}

function encodeSyncToken(body: SyncTokenBody): string {
  return `CP${Buffer.from(JSON.stringify(body)).toString('base64url')}`;
}

function decodeSyncToken(token: string): SyncTokenBody | undefined {
  if (!token.startsWith('CP')) return undefined;
  try {
    const body = JSON.parse(Buffer.from(token.slice(2), 'base64url').toString('utf8')) as Partial<SyncTokenBody>;
    if (typeof body.c !== 'string' || typeof body.s !== 'number' || typeof body.e !== 'number' || typeof body.se !== 'boolean') {
      return undefined;
    }
    return body as SyncTokenBody;
  } catch {
    return undefined;
  }
}

export class EventPager {
  readonly #snapshots = new Map<string, Snapshot>();
  paging: PagingOptions = {};

  list(store: CalendarStore, cal: CalendarState, p: ListParams, now: Date): EventsPage {
    let snapshot: Snapshot;
    if (p.pageToken !== undefined) {
      const found = this.#snapshots.get(p.pageToken);
      if (!found || found.calendarId !== cal.id) throw googleErrors.invalid('Invalid page token.', 'pageToken');
      this.#snapshots.delete(p.pageToken);
      snapshot = found;
    } else {
      let sinceSeq: number | undefined;
      if (p.syncToken !== undefined) {
        const token = decodeSyncToken(p.syncToken);
        if (!token || token.c !== cal.id || token.e !== cal.epoch || token.se !== p.singleEvents) throw googleErrors.fullSyncRequired();
        sinceSeq = token.s;
      }
      const nextSyncToken = encodeSyncToken({ c: cal.id, s: store.seq, e: cal.epoch, se: p.singleEvents });
      const items = selectEvents(store, cal, p, sinceSeq);
      snapshot = { calendarId: cal.id, epoch: cal.epoch, items, offset: 0, pendingEmpty: !!this.paging.emptyPages, nextSyncToken };
    }
    // A token invalidated while a client was paging is as dead as an old one.
    if (p.syncToken !== undefined && snapshot.epoch !== cal.epoch) throw googleErrors.fullSyncRequired();
    const page: EventsPage = {
      kind: 'calendar#events',
      etag: `"${store.seq}"`,
      summary: cal.summary,
      updated: now.toISOString(),
      timeZone: cal.timeZone,
      accessRole: 'owner',
      defaultReminders: [{ method: 'popup', minutes: 10 }],
      items: [],
    };
    const size = Math.min(p.maxResults, this.paging.pageSizeCap ?? Number.POSITIVE_INFINITY);
    if (snapshot.pendingEmpty && snapshot.offset < snapshot.items.length) {
      snapshot.pendingEmpty = false;
    } else {
      page.items = snapshot.items.slice(snapshot.offset, snapshot.offset + size);
      snapshot.offset += page.items.length;
      snapshot.pendingEmpty = !!this.paging.emptyPages;
    }
    if (snapshot.offset >= snapshot.items.length) {
      page.nextSyncToken = snapshot.nextSyncToken;
      return page;
    }
    const pageToken = randomBytes(12).toString('base64url');
    this.#snapshots.set(pageToken, snapshot);
    page.nextPageToken = pageToken;
    return page;
  }
}
