// Compares a provider's event with the stored copy, and lists the ISO weeks an event touches.
import { type CalendarEvent, isoWeeksBetween } from '@ledarsteg/contracts';
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

/** ISO weeks in `zone` touched by [start, end). */
export function weeksOf(start: Date | string, end: Date | string, zone: string): string[] {
  return isoWeeksBetween(start, end, zone);
}
