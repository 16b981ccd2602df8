// Compares a provider's event with the stored copy, and lists the ISO weeks an event touches.
import { type CalendarEvent, isoWeekOf, isoWeeksBetween } from '@ledarsteg/contracts';
import { DateTime } from 'luxon';
import { fromStoredEvent, type StoredEvent } from '../events/event-model.js';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined && v !== null) out[key] = canonical(v);
    }
    return out;
  }
  return value;
}

/** True when the stored copy already says everything the provider now says. */
export function sameEvent(stored: StoredEvent, incoming: CalendarEvent): boolean {
  return JSON.stringify(canonical(fromStoredEvent(stored))) === JSON.stringify(canonical(incoming));
}

/** One ISO week in one zone: [start, end) in epoch milliseconds. */
interface WeekSpan {
  start: number;
  end: number;
  label: string;
}

/** Weeks already worked out, per zone: a page of events falls in a handful of weeks, and luxon is slow per event. */
const spansByZone = new Map<string, WeekSpan[]>();
const MAX_ZONES = 200;
const MAX_SPANS_PER_ZONE = 1_000;
/** Instants Date.parse reads exactly as luxon does: an explicit offset, at most milliseconds. */
const EXACT_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

function spanAt(ms: number, zone: string): WeekSpan {
  let spans = spansByZone.get(zone);
  if (!spans) {
    spans = [];
    if (spansByZone.size < MAX_ZONES) spansByZone.set(zone, spans);
  }
  for (const span of spans) if (ms >= span.start && ms < span.end) return span;
  const monday = DateTime.fromMillis(ms, { zone }).startOf('week');
  const span = { start: monday.toMillis(), end: monday.plus({ weeks: 1 }).toMillis(), label: isoWeekOf(monday.toJSDate(), zone) };
  if (spans.length < MAX_SPANS_PER_ZONE) spans.push(span);
  return span;
}

function millisOf(v: Date | string): number {
  if (typeof v !== 'string') return v.getTime();
  return EXACT_ISO.test(v) ? Date.parse(v) : DateTime.fromISO(v).toMillis();
}

/** ISO weeks in `zone` touched by [start, end): the same answer as isoWeeksBetween, from remembered week bounds. */
export function weeksOf(start: Date | string, end: Date | string, zone: string): string[] {
  const from = millisOf(start);
  const stop = Math.max(from, millisOf(end) - 1);
  if (Number.isNaN(stop)) return isoWeeksBetween(start, end, zone);
  let span = spanAt(from, zone);
  if (Number.isNaN(span.end)) return isoWeeksBetween(start, end, zone);
  const weeks = [span.label];
  while (span.end <= stop) {
    span = spanAt(span.end, zone);
    weeks.push(span.label);
  }
  return weeks;
}
