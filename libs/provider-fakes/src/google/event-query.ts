// events.list: parameter rules, filters, recurrence expansion and ordering, before paging.
import type { DateTime } from 'luxon';
import type { CalendarState, CalendarStore, StoredEvent } from './calendar-store.js';
import { googleErrors } from './errors.js';
import { instantOf, parseQueryInstant } from './event-time.js';
import type { EventResource } from './types.js';

export interface ListParams {
  singleEvents: boolean;
  showDeleted: boolean;
  timeMin?: number;
  timeMax?: number;
  updatedMin?: number;
  orderBy?: 'startTime' | 'updated';
  privateExtendedProperty: [string, string][];
  sharedExtendedProperty: [string, string][];
  eventTypes: string[];
  q?: string;
  iCalUID?: string;
  maxResults: number;
  syncToken?: string;
  pageToken?: string;
}

type Query = Record<string, string | string[] | undefined>;

const ILLEGAL_WITH_SYNC = ['iCalUID', 'orderBy', 'privateExtendedProperty', 'q', 'sharedExtendedProperty', 'timeMin', 'timeMax', 'updatedMin'];

function one(query: Query, name: string): string | undefined {
  const v = query[name];
  if (Array.isArray(v)) throw googleErrors.invalid(`Parameter ${name} given more than once.`, name);
  return v;
}

function many(query: Query, name: string): string[] {
  const v = query[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function bool(query: Query, name: string): boolean {
  const v = one(query, name);
  if (v === undefined || v === 'false') return false;
  if (v === 'true') return true;
  throw googleErrors.invalid(`Invalid boolean: ${name}`, name);
}

function pairs(values: string[], name: string): [string, string][] {
  return values.map((v) => {
    const eq = v.indexOf('=');
    if (eq <= 0) throw googleErrors.invalid(`Invalid ${name}: ${v}`, name);
    return [v.slice(0, eq), v.slice(eq + 1)];
  });
}

/** Parses and checks the query of events.list, including the parameters illegal with syncToken. */
export function parseListParams(query: Query): ListParams {
  const syncToken = one(query, 'syncToken');
  if (syncToken !== undefined) {
    const bad = ILLEGAL_WITH_SYNC.find((p) => query[p] !== undefined);
    if (bad) throw googleErrors.invalid(`${bad} is not allowed with syncToken.`, bad);
    if (one(query, 'showDeleted') === 'false') throw googleErrors.invalid('showDeleted=false is not allowed with syncToken.', 'showDeleted');
  }
  const maxRaw = one(query, 'maxResults');
  const maxResults = maxRaw === undefined ? 250 : Number(maxRaw);
  if (!Number.isInteger(maxResults) || maxResults < 1) throw googleErrors.invalid('Invalid maxResults.', 'maxResults');
  const orderBy = one(query, 'orderBy');
  if (orderBy !== undefined && orderBy !== 'startTime' && orderBy !== 'updated') throw googleErrors.invalid('Invalid orderBy.', 'orderBy');
  const params: ListParams = {
    singleEvents: bool(query, 'singleEvents'),
    showDeleted: bool(query, 'showDeleted'),
    privateExtendedProperty: pairs(many(query, 'privateExtendedProperty'), 'privateExtendedProperty'),
    sharedExtendedProperty: pairs(many(query, 'sharedExtendedProperty'), 'sharedExtendedProperty'),
    eventTypes: many(query, 'eventTypes'),
    maxResults: Math.min(maxResults, 2500),
  };
  if (orderBy === 'startTime' && !params.singleEvents) {
    throw googleErrors.invalid('The requested ordering is not available for the particular query.', 'orderBy');
  }
  if (orderBy) params.orderBy = orderBy;
  const timeMin = one(query, 'timeMin');
  const timeMax = one(query, 'timeMax');
  const updatedMin = one(query, 'updatedMin');
  if (timeMin !== undefined) params.timeMin = parseQueryInstant(timeMin, 'timeMin');
  if (timeMax !== undefined) params.timeMax = parseQueryInstant(timeMax, 'timeMax');
  if (updatedMin !== undefined) params.updatedMin = parseQueryInstant(updatedMin, 'updatedMin');
  if (params.timeMin !== undefined && params.timeMax !== undefined && params.timeMax <= params.timeMin) {
    throw googleErrors.timeRangeEmpty();
  }
  const q = one(query, 'q');
  const iCalUID = one(query, 'iCalUID');
  const pageToken = one(query, 'pageToken');
  if (q !== undefined) params.q = q.toLowerCase();
  if (iCalUID !== undefined) params.iCalUID = iCalUID;
  if (syncToken !== undefined) params.syncToken = syncToken;
  if (pageToken !== undefined) params.pageToken = pageToken;
  return params;
}

/** What a cancelled event looks like in a list: only the fields Google guarantees. */
export function cancelledView(r: EventResource): EventResource {
  return {
    kind: r.kind,
    etag: r.etag,
    id: r.id,
    status: 'cancelled',
    ...(r.recurringEventId ? { recurringEventId: r.recurringEventId, originalStartTime: r.originalStartTime } : {}),
  } as EventResource;
}

/**
 * The events a list returns, in order, given the change sequence a sync token saw (`sinceSeq`).
 * Incremental lists (token or updatedMin) include cancellations; full lists only with showDeleted.
 */
export function selectEvents(store: CalendarStore, cal: CalendarState, p: ListParams, sinceSeq?: number): EventResource[] {
  const incremental = sinceSeq !== undefined || p.updatedMin !== undefined;
  const horizon: DateTime = p.timeMax !== undefined ? instantOf({ dateTime: new Date(p.timeMax).toISOString() }, 'UTC') : store.horizon();
  const candidates: StoredEvent[] = [];
  for (const stored of cal.events.values()) {
    const r = stored.resource;
    if (r.recurringEventId && cal.events.get(r.recurringEventId)?.resource.status !== 'cancelled') {
      // Live exceptions of a live series come with its expansion; cancelled ones (also instances a series
      // edit removed) stand on their own, as do all exceptions when the series is not expanded.
      if (!p.singleEvents || r.status === 'cancelled') candidates.push(stored);
      continue;
    }
    if (r.recurrence && r.status !== 'cancelled' && p.singleEvents) {
      candidates.push(...store.instancesOf(cal, stored, horizon).filter((i) => i.resource.status !== 'cancelled'));
    }
    else if (!r.recurringEventId) candidates.push(stored);
  }
  const picked = candidates.filter((s) => {
    const r = s.resource;
    if (sinceSeq !== undefined && s.seq <= sinceSeq) return false;
    if (p.updatedMin !== undefined && Date.parse(r.updated ?? '') < p.updatedMin) return false;
    const cancelled = r.status === 'cancelled';
    // Cancelled exceptions of a live series are part of the series' definition and show when not expanded.
    const seriesException = cancelled && !p.singleEvents && r.recurringEventId !== undefined;
    if (cancelled && !incremental && !p.showDeleted && !seriesException) return false;
    if (!cancelled || !incremental) {
      if (!overlaps(cal, s, p)) return false;
      if (!matches(r, p)) return false;
    }
    return true;
  });
  return order(cal, picked, p, sinceSeq !== undefined).map((s) => (s.resource.status === 'cancelled' ? cancelledView(s.resource) : s.resource));
}

function overlaps(cal: CalendarState, s: StoredEvent, p: ListParams): boolean {
  const r = s.resource;
  if (!r.start || !r.end) return true;
  const start = instantOf(r.start, cal.timeZone).toMillis();
  // A recurring master (not expanded) spans its whole series, so only the lower bound on its start applies.
  if (r.recurrence) return p.timeMax === undefined || start < p.timeMax;
  const end = instantOf(r.end, cal.timeZone).toMillis();
  if (p.timeMin !== undefined && !(end > p.timeMin || (end === start && start >= p.timeMin))) return false;
  if (p.timeMax !== undefined && !(start < p.timeMax)) return false;
  return true;
}

function matches(r: EventResource, p: ListParams): boolean {
  for (const [k, v] of p.privateExtendedProperty) if (r.extendedProperties?.private?.[k] !== v) return false;
  for (const [k, v] of p.sharedExtendedProperty) if (r.extendedProperties?.shared?.[k] !== v) return false;
  if (p.eventTypes.length > 0 && !p.eventTypes.includes(r.eventType ?? 'default')) return false;
  if (p.iCalUID !== undefined && r.iCalUID !== p.iCalUID) return false;
  if (p.q !== undefined) {
    const text = `${r.summary ?? ''} ${r.description ?? ''} ${r.location ?? ''}`.toLowerCase();
    if (!text.includes(p.q)) return false;
  }
  return true;
}

function order(cal: CalendarState, events: StoredEvent[], p: ListParams, bySeq: boolean): StoredEvent[] {
  // Each start parsed once per list, not once per comparison: a page of a large calendar sorts it whole.
  const starts = new Map<StoredEvent, number>();
  const startOf = (s: StoredEvent) => {
    let at = starts.get(s);
    if (at === undefined) {
      at = s.resource.start ? instantOf(s.resource.start, cal.timeZone).toMillis() : 0;
      starts.set(s, at);
    }
    return at;
  };
  if (bySeq) return events.sort((a, b) => a.seq - b.seq);
  if (p.orderBy === 'updated') return events.sort((a, b) => Date.parse(a.resource.updated ?? '') - Date.parse(b.resource.updated ?? ''));
  return events.sort((a, b) => startOf(a) - startOf(b) || a.resource.id.localeCompare(b.resource.id));
}
