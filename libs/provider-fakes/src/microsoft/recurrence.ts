// Expands a series master into its occurrences: daily, weekly, absolute/relative monthly and yearly patterns, with
// endDate/numbered/noEnd ranges, keeping the master's wall-clock start time in its zone across DST.
import { DateTime } from 'luxon';
import { type EventInstance, type Recurrence, type StoredEvent, WEEK_INDEXES } from './model.js';

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

/**
 * The day a monthly/yearly pattern picks in the month starting at `monthStart`. absolute*: `dayOfMonth`, or the month's
 * last day when it is shorter (Outlook's rule, unlike RFC 5545's skipping). relative*: the index-th day among the days
 * of the month falling on any of `daysOfWeek` (so "last weekday" is Monday–Friday with `last`).
 */
function dayInMonth(pattern: Recurrence['pattern'], monthStart: DateTime): DateTime {
  const length = monthStart.daysInMonth ?? 28;
  if (pattern.type === 'absoluteMonthly' || pattern.type === 'absoluteYearly') {
    return monthStart.set({ day: Math.min(pattern.dayOfMonth ?? 1, length) });
  }
  const weekdays = new Set((pattern.daysOfWeek ?? []).map(weekdayNumber));
  const matching: DateTime[] = [];
  for (let day = 1; day <= length; day++) {
    const d = monthStart.set({ day });
    if (weekdays.has(d.weekday)) matching.push(d);
  }
  const index = pattern.index ?? 'first';
  // Every weekday occurs at least four times a month, so any index finds a day.
  return (index === 'last' ? matching.at(-1) : matching[WEEK_INDEXES.indexOf(index)]) ?? monthStart;
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
  const out: DateTime[] = [];
  const withinRange = (d: DateTime) => (!last || d <= last) && d < until;
  if (pattern.type === 'daily') {
    for (let d = first; withinRange(d) && out.length < limit; d = d.plus({ days: interval })) out.push(d);
    return out;
  }
  if (pattern.type === 'weekly') {
    const days = (pattern.daysOfWeek ?? []).map(weekdayNumber).filter((d): d is number => d !== undefined).sort((a, b) => a - b);
    // Weeks counted from the week of the range start (Sunday-first, Graph's default firstDayOfWeek).
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
  // Monthly patterns count months from the range start's month; yearly ones years from the pattern's month in the start year.
  const monthly = pattern.type === 'absoluteMonthly' || pattern.type === 'relativeMonthly';
  const base = monthly ? first.startOf('month') : first.set({ month: pattern.month ?? first.month, day: 1 });
  const step = monthly ? interval : 12 * interval;
  for (let k = 0; k < MAX_OCCURRENCES && out.length < limit; k++) {
    const d = dayInMonth(pattern, base.plus({ months: k * step }));
    if (d < first) continue;
    if (!withinRange(d)) return out;
    out.push(d);
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
