// Calendars and their events: writes bump `updated` and a change sequence that sync tokens point into.
import { randomBytes } from 'node:crypto';
import type { DateTime } from 'luxon';
import type { FakeClock } from './clock.js';
import { googleErrors } from './errors.js';
import { checkZone, instantOf, rfc3339 } from './event-time.js';
import { expand, instanceId, parseRecurrence } from './recurrence.js';
import type { EventDateTime, EventInput, EventResource } from './types.js';

export interface StoredEvent {
  resource: EventResource;
  /** Change sequence of the last write; sync tokens remember the highest one they saw. */
  seq: number;
}

export interface CalendarState {
  id: string;
  summary: string;
  timeZone: string;
  /** Masters, single events and exceptions (instance overrides, cancelled instances) by id. */
  events: Map<string, StoredEvent>;
  /** Bumped to invalidate every sync token of this calendar. */
  epoch: number;
  /** The opaque id push channels report for this calendar's events collection. */
  resourceId: string;
}

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';
export function newBase32HexId(length = 26): string {
  return [...randomBytes(length)].map((b) => BASE32HEX[b % 32]).join('');
}

export class CalendarStore {
  readonly calendars = new Map<string, CalendarState>();
  #seq = 0;

  constructor(
    private readonly clock: FakeClock,
    private readonly horizonDays: number,
    private readonly onChange: (calendarId: string) => void,
  ) {}

  get seq(): number {
    return this.#seq;
  }

  addCalendar(id: string, timeZone: string, summary = id): CalendarState {
    checkZone(timeZone);
    const state: CalendarState = { id, summary, timeZone, events: new Map(), epoch: 0, resourceId: newBase32HexId(27) };
    this.calendars.set(id, state);
    return state;
  }

  calendar(id: string): CalendarState {
    const cal = this.calendars.get(id);
    if (!cal) throw googleErrors.notFound();
    return cal;
  }

  /** Default end of recurrence expansion when a request gives no timeMax. */
  horizon(): DateTime {
    return instantOf({ dateTime: rfc3339(this.clock.now()) }, 'UTC').plus({ days: this.horizonDays });
  }

  insert(calId: string, input: EventInput): EventResource {
    const cal = this.calendar(calId);
    const id = input.id ?? newBase32HexId();
    if (cal.events.has(id) || this.#synthesized(cal, id)) throw googleErrors.duplicate();
    const now = rfc3339(this.clock.now());
    const resource: EventResource = {
      eventType: 'default',
      ...input,
      kind: 'calendar#event',
      etag: '',
      id,
      status: input.status ?? 'confirmed',
      created: now,
      updated: now,
      iCalUID: input.iCalUID ?? `${id}@google.com`,
      sequence: 0,
      organizer: input.organizer ?? { email: cal.id, self: true },
      creator: input.creator ?? { email: cal.id, self: true },
      reminders: input.reminders ?? { useDefault: true },
    };
    this.#markSelf(cal, resource);
    this.#checkTimes(cal, resource);
    return this.#write(cal, resource);
  }

  /** Patch merges objects and replaces arrays wholesale; update replaces every writable field. */
  modify(calId: string, eventId: string, input: EventInput, mode: 'patch' | 'update'): EventResource {
    const cal = this.calendar(calId);
    const current = cal.events.get(eventId)?.resource ?? this.#synthesized(cal, eventId);
    if (!current) throw googleErrors.notFound();
    if (input.id !== undefined && input.id !== eventId) throw googleErrors.invalid('The event id cannot be changed.');
    if (input.eventType !== undefined && input.eventType !== current.eventType) {
      throw googleErrors.invalid('The event type cannot be changed.');
    }
    const kept = {
      kind: current.kind,
      id: current.id,
      created: current.created,
      iCalUID: current.iCalUID,
      eventType: current.eventType,
      organizer: current.organizer,
      creator: current.creator,
      recurringEventId: current.recurringEventId,
      originalStartTime: current.originalStartTime,
    };
    const next = (mode === 'patch' ? merge(current, input) : { ...kept, ...input, ...stripUndefined(kept) }) as unknown as EventResource;
    next.status = input.status ?? (current.status === 'cancelled' && mode === 'update' ? 'confirmed' : next.status);
    const timesChanged = JSON.stringify([current.start, current.end]) !== JSON.stringify([next.start, next.end]);
    next.sequence = (current.sequence ?? 0) + (timesChanged ? 1 : 0);
    next.updated = rfc3339(this.clock.now());
    this.#markSelf(cal, next);
    this.#checkTimes(cal, next);
    const before = current.recurrence ? this.#instanceIds(cal, current) : undefined;
    const written = this.#write(cal, next);
    if (before) this.#tombstoneVanished(cal, next, before);
    return written;
  }

  remove(calId: string, eventId: string): void {
    const cal = this.calendar(calId);
    const current = cal.events.get(eventId)?.resource ?? this.#synthesized(cal, eventId);
    if (!current) throw googleErrors.notFound();
    if (current.status === 'cancelled') throw googleErrors.deleted();
    this.#write(cal, { ...current, status: 'cancelled', updated: rfc3339(this.clock.now()) });
  }

  get(calId: string, eventId: string): EventResource {
    const cal = this.calendar(calId);
    const found = cal.events.get(eventId)?.resource ?? this.#synthesized(cal, eventId);
    if (!found) throw googleErrors.notFound();
    return found;
  }

  /** Every instance of a live series up to `horizon`: exceptions override the generated ones. */
  instancesOf(cal: CalendarState, master: StoredEvent, horizon: DateTime): StoredEvent[] {
    const m = master.resource;
    const zone = m.start?.timeZone ?? cal.timeZone;
    const allDay = m.start?.date !== undefined;
    const first = instantOf(m.start as EventDateTime, zone);
    const duration = instantOf(m.end as EventDateTime, zone).diff(first);
    const recurrence = parseRecurrence(m.recurrence ?? [], zone, allDay);
    return expand(recurrence, first, horizon, allDay).map((occ) => {
      const id = instanceId(m.id, occ, allDay);
      const exception = cal.events.get(id);
      if (exception) return exception;
      const when = (dt: DateTime): EventDateTime =>
        allDay ? { date: dt.toISODate() as string } : { dateTime: dt.toISO({ suppressMilliseconds: true }) as string, timeZone: zone };
      const { recurrence: _omit, ...rest } = m;
      const resource: EventResource = {
        ...rest,
        id,
        recurringEventId: m.id,
        originalStartTime: when(occ),
        start: when(occ),
        end: when(occ.plus(duration)),
      };
      return { resource, seq: master.seq };
    });
  }

  #instanceIds(cal: CalendarState, master: EventResource): Map<string, EventResource> {
    const stored = cal.events.get(master.id);
    const ids = new Map<string, EventResource>();
    if (!stored || master.status === 'cancelled') return ids;
    for (const i of this.instancesOf(cal, { resource: master, seq: stored.seq }, this.horizon())) ids.set(i.resource.id, i.resource);
    return ids;
  }

  /** Instances a series edit removed become cancelled exceptions, so incremental syncs hear of them. */
  #tombstoneVanished(cal: CalendarState, master: EventResource, before: Map<string, EventResource>): void {
    const after = this.#instanceIds(cal, master);
    for (const [id, old] of before) {
      if (after.has(id) || cal.events.has(id)) continue;
      this.#write(cal, { ...old, status: 'cancelled', updated: rfc3339(this.clock.now()) }, false);
    }
  }

  /** A generated instance of a live series, looked up by its instance id. */
  #synthesized(cal: CalendarState, eventId: string): EventResource | undefined {
    const cut = eventId.lastIndexOf('_');
    if (cut < 0) return undefined;
    const master = cal.events.get(eventId.slice(0, cut));
    if (!master?.resource.recurrence || master.resource.status === 'cancelled') return undefined;
    return this.instancesOf(cal, master, this.horizon()).find((i) => i.resource.id === eventId)?.resource;
  }

  #markSelf(cal: CalendarState, resource: EventResource): void {
    for (const a of resource.attendees ?? []) if (a.email === cal.id) a.self = true;
    if (resource.organizer?.email === cal.id) resource.organizer.self = true;
  }

  #checkTimes(cal: CalendarState, resource: EventResource): void {
    if (!resource.start || !resource.end) throw googleErrors.invalid('Missing end time.');
    checkZone(resource.start.timeZone);
    checkZone(resource.end.timeZone);
    if ((resource.start.date === undefined) !== (resource.end.date === undefined)) {
      throw googleErrors.invalid('Start and end times must either both be date or both be dateTime.');
    }
    const start = instantOf(resource.start, cal.timeZone);
    const end = instantOf(resource.end, cal.timeZone);
    if (end < start) throw googleErrors.timeRangeEmpty();
    if (resource.recurrence?.length) {
      if (resource.recurringEventId) throw googleErrors.invalid('An instance cannot recur.');
      if (!resource.start.timeZone && resource.start.date === undefined) {
        throw googleErrors.invalid('Missing time zone definition for start time.');
      }
      parseRecurrence(resource.recurrence, resource.start.timeZone ?? cal.timeZone, resource.start.date !== undefined);
    }
  }

  #write(cal: CalendarState, resource: EventResource, notify = true): EventResource {
    const seq = ++this.#seq;
    const stored: StoredEvent = { resource: { ...resource, etag: `"${seq}"` }, seq };
    cal.events.set(resource.id, stored);
    if (notify) this.onChange(cal.id);
    return stored.resource;
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function merge(base: object, patch: object): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    // Start and end are one value each: a dateTime patch must not keep an old date.
    const whole = k === 'start' || k === 'end';
    out[k] = !whole && isPlainObject(v) && isPlainObject(out[k]) ? merge(out[k] as object, v) : v;
  }
  return out;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
