// Calendar events validated once and parsed into epoch ms, so a service that analyses and proposes for the same week checks them only once.
import type { CalendarEvent } from '@ledarsteg/contracts';
import { type ParsedTimes, validateEvents } from './input-validation.js';
import { startOrder } from './start-order.js';
import { eventRoles, type WeekEvents } from './week-events.js';

/**
 * Events that passed the contracts' checks, with their instants already parsed. Only `prepareEvents` makes one
 * (the analyses recognise their own by a private field no other code can set, and re-validate anything else), so
 * holding one proves the events were checked. The event objects are shared, not copied: they must not be changed
 * after preparing.
 */
export class PreparedEvents {
  readonly #trusted = true;
  readonly events: readonly CalendarEvent[];
  readonly times: Readonly<ParsedTimes>;
  #order: readonly number[] | undefined;
  #roles: readonly number[] | undefined;
  /**
   * The last week classified from these events (see week-events), kept here so analyseWeek and proposeLedartid
   * for the same week share it. Internal: a cache, not part of the events.
   */
  lastWeek: { start: number; end: number; events: WeekEvents } | undefined = undefined;

  /** Use `prepareEvents`: the constructor trusts `times` to belong to `events`. */
  private constructor(events: readonly CalendarEvent[], times: ParsedTimes) {
    this.events = events;
    this.times = times;
  }

  /**
   * Event indexes by start, then end, then position: every week's meetings and busy time come out sorted.
   * Worked out by the first analysis that needs it (it is analysis, not validation), then kept.
   */
  get order(): readonly number[] {
    this.#order ??= startOrder(this.times.start, this.times.end);
    return this.#order;
  }

  /** Each event's role bits (blocks time, meeting, breaks focus) by the rules in week-events; worked out like `order`. */
  get roles(): readonly number[] {
    this.#roles ??= eventRoles(this.events);
    return this.#roles;
  }

  static isTrusted(value: unknown): value is PreparedEvents {
    return typeof value === 'object' && value !== null && #trusted in value;
  }

  /** @internal Validated input, wrapped; `prepareEvents` and `preparedInput` are the only callers. */
  static of(events: readonly CalendarEvent[], times: ParsedTimes): PreparedEvents {
    return new PreparedEvents(events, times);
  }
}

/** Validates `events` against the contracts (throws InsightInputError) and parses every instant once. */
export function prepareEvents(events: unknown): PreparedEvents {
  const times = validateEvents(events);
  // A copy of the array, so pushing to the caller's array later cannot put an unchecked event in.
  return PreparedEvents.of((events as CalendarEvent[]).slice(), times);
}

/** The prepared events of an analysis input: trusted when made by `prepareEvents`, validated here otherwise. */
export function preparedInput(events: CalendarEvent[] | PreparedEvents): PreparedEvents {
  if (PreparedEvents.isTrusted(events)) return events;
  return PreparedEvents.of(events, validateEvents(events));
}
