// Calendar events validated once and parsed into epoch ms, so a service that analyses and proposes for the same week checks them only once.
import type { CalendarEvent } from '@ledarsteg/contracts';
import { type ParsedTimes, validateEvents } from './input-validation.js';
import { startOrder } from './start-order.js';
import { eventRoles } from './week-events.js';

/**
 * Events that passed the contracts' checks, with their instants already parsed. Only `prepareEvents` makes one
 * (the analyses recognise their own and re-validate anything else), so holding one proves the events were checked.
 * The event objects are shared, not copied: they must not be changed after preparing.
 */
export type PreparedEvents = {
  readonly events: readonly CalendarEvent[];
  readonly times: Readonly<ParsedTimes>;
  /** Event indexes by start, then end, then position: every week's meetings and busy time come out sorted. */
  readonly order: Uint32Array;
  /** Each event's role bits (blocks time, meeting, breaks focus) by the rules in week-events. */
  readonly roles: Uint8Array;
};

const issued = new WeakSet<PreparedEvents>();

/** Validates `events` against the contracts (throws InsightInputError) and parses every instant once. */
export function prepareEvents(events: unknown): PreparedEvents {
  const times = validateEvents(events);
  // A copy of the array, so pushing to the caller's array later cannot put an unchecked event in.
  const prepared: PreparedEvents = Object.freeze({
    events: (events as CalendarEvent[]).slice(),
    times,
    order: startOrder(times.start, times.end),
    roles: eventRoles(events as CalendarEvent[]),
  });
  issued.add(prepared);
  return prepared;
}

/** The prepared events of an analysis input: trusted when made by `prepareEvents`, validated here otherwise. */
export function preparedInput(events: CalendarEvent[] | PreparedEvents): PreparedEvents {
  if (issued.has(events as PreparedEvents)) return events as PreparedEvents;
  const times = validateEvents(events);
  const calendar = events as CalendarEvent[];
  return { events: calendar, times, order: startOrder(times.start, times.end), roles: eventRoles(calendar) };
}
