// freebusy.query: merged busy intervals of opaque, live events (instances expanded) in a window.
import type { CalendarState, CalendarStore } from './calendar-store.js';
import { parseListParams, selectEvents } from './event-query.js';
import { instantOf } from './event-time.js';

export function busyIntervals(store: CalendarStore, cal: CalendarState, timeMin: number, timeMax: number): { start: string; end: string }[] {
  const params = parseListParams({
    singleEvents: 'true',
    timeMin: new Date(timeMin).toISOString(),
    timeMax: new Date(timeMax).toISOString(),
  });
  const spans = selectEvents(store, cal, params)
    .filter((e) => e.status !== 'cancelled' && e.transparency !== 'transparent' && e.start && e.end)
    .map((e) => [
      Math.max(timeMin, instantOf(e.start ?? {}, cal.timeZone).toMillis()),
      Math.min(timeMax, instantOf(e.end ?? {}, cal.timeZone).toMillis()),
    ] as const)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [s, e] of spans) {
    const last = merged.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged.map(([s, e]) => ({ start: new Date(s).toISOString(), end: new Date(e).toISOString() }));
}
