// Expands a series master into its occurrences (daily and weekly patterns, endDate/numbered/noEnd ranges).
import { DateTime } from 'luxon';
import type { EventInstance, StoredEvent } from './model.js';

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
/** Guards against a runaway series: real Graph also caps what calendarView expands. */
const MAX_OCCURRENCES = 2000;

export function weekdayNumber(name: string): number | undefined {
  const index = WEEKDAYS.indexOf(name.toLowerCase());
  return index < 0 ? undefined : index + 1;
}

export function occurrenceId(masterId: string, key: string): string {
  return `${masterId}-occ-${key.replaceAll('-', '')}`;
}

/** Parses an occurrence id back into its series and original date, or undefined for other ids. */
export function parseOccurrenceId(id: string): { masterId: string; key: string } | undefined {
  const match = /^(.+)-occ-(\d{4})(\d{2})(\d{2})$/.exec(id);
  if (!match) return undefined;
  return { masterId: match[1]!, key: `${match[2]}-${match[3]}-${match[4]}` };
}

/** Original local dates of the series' occurrences up to `until` (exclusive), in order. */
export function occurrenceDates(event: StoredEvent, until: DateTime): DateTime[] {
  const recurrence = event.recurrence;
  if (!recurrence) return [];
  const { pattern, range } = recurrence;
  const first = DateTime.fromISO(range.startDate, { zone: event.zone }).startOf('day');
  const last = range.type === 'endDate' && range.endDate ? DateTime.fromISO(range.endDate, { zone: event.zone }).startOf('day') : undefined;
  const limit = range.type === 'numbered' ? (range.numberOfOccurrences ?? 0) : MAX_OCCURRENCES;
  const interval = Math.max(1, pattern.interval);
  const days =
    pattern.type === 'weekly'
      ? (pattern.daysOfWeek ?? []).map(weekdayNumber).filter((d): d is number => d !== undefined).sort((a, b) => a - b)
      : [];
  const out: DateTime[] = [];
  const withinRange = (d: DateTime) => (!last || d <= last) && d < until;
  if (pattern.type === 'daily') {
    for (let d = first; withinRange(d) && out.length < limit; d = d.plus({ days: interval })) out.push(d);
    return out;
  }
  // Weekly: weeks counted from the week of the range start (Sunday-first, Graph's default firstDayOfWeek).
  let weekStart = first.minus({ days: first.weekday % 7 });
  for (let guard = 0; guard < MAX_OCCURRENCES && out.length < limit; guard++, weekStart = weekStart.plus({ weeks: interval })) {
    for (const day of days) {
      const d = weekStart.plus({ days: day % 7 });
      if (d < first) continue;
      if (!withinRange(d) || out.length >= limit) return out;
      out.push(d);
    }
  }
  return out;
}

/** The rows calendarView shows for one stored event, restricted to those overlapping [from, to). */
export function instancesOf(event: StoredEvent, from: DateTime, to: DateTime): EventInstance[] {
  const overlaps = (s: DateTime, e: DateTime) => s < to && e > from;
  if (event.type === 'singleInstance') {
    return overlaps(event.start, event.end) ? [{ event, id: event.id, type: 'singleInstance', start: event.start, end: event.end }] : [];
  }
  const duration = event.end.diff(event.start);
  const out: EventInstance[] = [];
  for (const date of occurrenceDates(event, to.setZone(event.zone).plus({ days: 1 }))) {
    const key = date.toISODate()!;
    if (event.cancelledOccurrences.has(key)) continue;
    const originalStart = date.set({ hour: event.start.hour, minute: event.start.minute, second: event.start.second });
    const override = event.exceptions.get(key);
    const start = override?.start ?? originalStart;
    const end = override?.end ?? originalStart.plus(duration);
    if (!overlaps(start, end)) continue;
    const instance: EventInstance = { event, id: occurrenceId(event.id, key), type: override ? 'exception' : 'occurrence', start, end, occurrenceKey: key, originalStart };
    if (override) instance.override = override;
    out.push(instance);
  }
  return out;
}
