// The calendar frame of one ISO week in one zone (day starts, dates, offset), memoised: luxon zone math costs ~25 µs a call.
import { isoWeekBounds } from '@ledarsteg/contracts';
import { DateTime, IANAZone } from 'luxon';
import { MS_PER_DAY, MS_PER_MINUTE } from './instant.js';

export type WeekFrame = {
  start: number;
  end: number;
  /** Epoch ms of each local midnight, Monday … next Monday (8 entries). */
  dayStarts: number[];
  /** Local dates yyyy-MM-dd, Monday … Sunday. */
  dates: string[];
  /** The zone's UTC offset in minutes when it is the same all week (most weeks); undefined in DST weeks. */
  steadyOffsetMinutes: number | undefined;
  /**
   * In DST weeks: per day, the offset (minutes) at its start, the instant its offset changes (or Infinity) and the
   * offset after that; lets instants be written without luxon. Undefined in steady weeks and in odd zones.
   */
  dayOffsets: { before: number; change: number; after: number }[] | undefined;
  /** Local minute of day on day `dayIndex` → epoch ms (DST-correct; a time inside a spring-forward gap moves forward). */
  clock: (dayIndex: number, minute: number) => number;
  zone: string;
};

// Many leaders share a zone and the analyser works on the same few weeks, so a small cache hits almost always.
const FRAME_CACHE_LIMIT = 1024;
const frames = new Map<string, WeekFrame>();

function buildFrame(week: string, zone: string): WeekFrame {
  const bounds = isoWeekBounds(week, zone);
  const start = bounds.start.toMillis();
  const end = bounds.end.toMillis();
  const steady = end - start === 7 * MS_PER_DAY && bounds.start.offset === bounds.end.offset;
  const firstDate = Date.UTC(bounds.start.year, bounds.start.month - 1, bounds.start.day);
  const luxonDays: DateTime[] = [];
  const dayStarts: number[] = [];
  for (let i = 0; i <= 7; i++) {
    const day = steady ? undefined : bounds.start.plus({ days: i });
    if (day) luxonDays.push(day);
    dayStarts.push(day ? day.toMillis() : start + i * MS_PER_DAY);
  }
  const dstClock = new Map<number, number>();
  const clock = (dayIndex: number, minute: number): number => {
    const dayStart = dayStarts[dayIndex]!;
    const next = dayStarts[dayIndex + 1]!;
    if (minute >= 24 * 60) return next;
    if (next - dayStart === MS_PER_DAY && (steady || luxonDays[dayIndex]!.offset === luxonDays[dayIndex + 1]!.offset)) {
      return dayStart + minute * MS_PER_MINUTE;
    }
    const key = dayIndex * 1440 + minute;
    let ms = dstClock.get(key);
    if (ms === undefined) {
      ms = luxonDays[dayIndex]!.set({ hour: Math.floor(minute / 60), minute: minute % 60 }).toMillis();
      dstClock.set(key, ms);
    }
    return ms;
  };
  return {
    start,
    end,
    dayStarts,
    dayOffsets: steady ? undefined : offsetChanges(zone, dayStarts, luxonDays),
    dates: Array.from({ length: 7 }, (_, i) => new Date(firstDate + i * MS_PER_DAY).toISOString().slice(0, 10)),
    steadyOffsetMinutes: steady ? bounds.start.offset : undefined,
    clock,
    zone,
  };
}

/**
 * Each day's offset change, found once per frame by bisecting the zone's offset (luxon asks Intl, ~5 µs a call).
 * Assumes at most one change a day, as in every zone today; a day that shows otherwise (an offset at the change
 * that matches neither side) leaves the frame to luxon.
 */
function offsetChanges(zone: string, dayStarts: number[], luxonDays: DateTime[]): WeekFrame['dayOffsets'] {
  const tz = IANAZone.create(zone);
  if (!tz.isValid) return undefined;
  const days: NonNullable<WeekFrame['dayOffsets']> = [];
  for (let i = 0; i < 7; i++) {
    const before = luxonDays[i]!.offset;
    const after = luxonDays[i + 1]!.offset;
    if (before !== tz.offset(dayStarts[i]!) || after !== tz.offset(dayStarts[i + 1]!)) return undefined;
    if (before === after) {
      days.push({ before, change: Number.POSITIVE_INFINITY, after });
      continue;
    }
    // Invariant: offset(lo) is `before`, offset(hi) is not.
    let lo = dayStarts[i]!;
    let hi = dayStarts[i + 1]!;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (tz.offset(mid) === before) lo = mid;
      else hi = mid;
    }
    if (tz.offset(hi) !== after) return undefined;
    days.push({ before, change: hi, after });
  }
  return days;
}

export function weekFrame(week: string, zone: string): WeekFrame {
  const key = `${week}|${zone}`;
  let frame = frames.get(key);
  if (frame === undefined) {
    frame = buildFrame(week, zone);
    if (frames.size >= FRAME_CACHE_LIMIT) frames.clear();
    frames.set(key, frame);
  }
  return frame;
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

function offsetText(offsetMinutes: number): string {
  const abs = Math.abs(offsetMinutes);
  return `${offsetMinutes < 0 ? '-' : '+'}${TWO_DIGITS[Math.floor(abs / 60)]}:${TWO_DIGITS[abs % 60]}`;
}

/** An instant as ISO with the zone's offset, e.g. 2026-11-23T08:00:00+01:00 (milliseconds dropped). */
export function isoInZone(ms: number, frame: WeekFrame): string {
  const offset = frame.steadyOffsetMinutes ?? dstOffsetAt(ms, frame);
  if (offset === undefined) return DateTime.fromMillis(ms, { zone: frame.zone }).toISO({ suppressMilliseconds: true })!;
  if (frame.steadyOffsetMinutes === undefined) return `${localText(ms, offset)}${offsetText(offset)}`;
  // Inside a steady week the local date is the frame's and the clock is the time since that local midnight.
  const dayIndex = Math.floor((ms - frame.start) / MS_PER_DAY);
  if (dayIndex >= 0 && dayIndex < 7) {
    const seconds = Math.floor((ms - frame.dayStarts[dayIndex]!) / 1000);
    const clock = `${TWO_DIGITS[Math.floor(seconds / 3600)]}:${TWO_DIGITS[Math.floor(seconds / 60) % 60]}:${TWO_DIGITS[seconds % 60]}`;
    return `${frame.dates[dayIndex]}T${clock}${offsetText(offset)}`;
  }
  return `${localText(ms, offset)}${offsetText(offset)}`;
}

/** The zone's offset at `ms` inside a DST week, when the frame knows it and the instant has whole seconds. */
function dstOffsetAt(ms: number, frame: WeekFrame): number | undefined {
  const days = frame.dayOffsets;
  if (days === undefined || ms < frame.start || ms >= frame.end || ms % 1000 !== 0) return undefined;
  let i = 6;
  while (ms < frame.dayStarts[i]!) i--;
  const day = days[i]!;
  return ms < day.change ? day.before : day.after;
}

/** Local yyyy-MM-ddTHH:mm:ss of an instant at a fixed offset (whole seconds). */
function localText(ms: number, offsetMinutes: number): string {
  return new Date(ms + offsetMinutes * MS_PER_MINUTE).toISOString().slice(0, 19);
}
