// ISO week arithmetic in a leader's own zone: the unit every analysis is keyed by.
import { DateTime } from 'luxon';

/** The ISO week (e.g. 2026-W48) that contains `instant` in `zone`. */
export function isoWeekOf(instant: Date | string, zone: string): string {
  const dt = (typeof instant === 'string' ? DateTime.fromISO(instant) : DateTime.fromJSDate(instant)).setZone(zone);
  return `${dt.weekYear}-W${String(dt.weekNumber).padStart(2, '0')}`;
}

/** Start (Monday 00:00, inclusive) and end (next Monday 00:00, exclusive) of an ISO week in `zone`. */
export function isoWeekBounds(week: string, zone: string): { start: DateTime; end: DateTime } {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) throw new RangeError(`not an ISO week: ${week}`);
  const start = DateTime.fromObject(
    { weekYear: Number(match[1]), weekNumber: Number(match[2]), weekday: 1 },
    { zone },
  ).startOf('day');
  if (!start.isValid) throw new RangeError(`not an ISO week: ${week}`);
  return { start, end: start.plus({ weeks: 1 }) };
}

/** Every ISO week in `zone` that the interval [start, end) touches. */
export function isoWeeksBetween(start: Date | string, end: Date | string, zone: string): string[] {
  const toDt = (v: Date | string) => (typeof v === 'string' ? DateTime.fromISO(v) : DateTime.fromJSDate(v)).setZone(zone);
  const from = toDt(start);
  const last = toDt(end).minus({ milliseconds: 1 });
  const weeks: string[] = [];
  let cursor = from.startOf('week');
  // biome-ignore lint/complexity/useMathMinMax: luxon DateTimes; Math.max would turn them into numbers.
  const stop = last < from ? from : last;
  while (cursor <= stop) {
    weeks.push(`${cursor.weekYear}-W${String(cursor.weekNumber).padStart(2, '0')}`);
    cursor = cursor.plus({ weeks: 1 });
  }
  return weeks;
}
