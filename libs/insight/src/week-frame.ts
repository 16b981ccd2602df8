// The calendar frame of one ISO week in one zone (day starts, dates, offset), memoised: luxon zone math costs ~25 µs a call.
import { isoWeekBounds } from '@ledarsteg/contracts';
import { DateTime } from 'luxon';
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
    dates: Array.from({ length: 7 }, (_, i) => new Date(firstDate + i * MS_PER_DAY).toISOString().slice(0, 10)),
    steadyOffsetMinutes: steady ? bounds.start.offset : undefined,
    clock,
    zone,
  };
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

/** An instant as ISO with the zone's offset, e.g. 2026-11-23T08:00:00+01:00. */
export function isoInZone(ms: number, frame: WeekFrame): string {
  const offset = frame.steadyOffsetMinutes;
  if (offset === undefined) return DateTime.fromMillis(ms, { zone: frame.zone }).toISO({ suppressMilliseconds: true })!;
  const local = new Date(ms + offset * MS_PER_MINUTE).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
