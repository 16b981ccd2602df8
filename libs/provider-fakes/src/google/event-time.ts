// Turns Calendar v3 start/end values into instants, the way Google reads them.
import { DateTime, IANAZone } from 'luxon';
import { googleErrors } from './errors.js';
import type { EventDateTime } from './types.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const HAS_OFFSET = /(Z|[+-]\d{2}:\d{2})$/i;

/** The instant an EventDateTime denotes; all-day dates are midnight in `fallbackZone` (or the value's zone). */
export function instantOf(value: EventDateTime, fallbackZone: string): DateTime {
  const zone = value.timeZone ?? fallbackZone;
  if (value.date !== undefined) {
    const dt = DateTime.fromISO(value.date, { zone });
    if (!DATE.test(value.date) || !dt.isValid) throw googleErrors.invalid('Invalid start/end date.');
    return dt.startOf('day');
  }
  if (value.dateTime === undefined) throw googleErrors.invalid('Missing start or end time.');
  if (!HAS_OFFSET.test(value.dateTime) && value.timeZone === undefined) {
    throw googleErrors.invalid('Missing time zone definition for start time.');
  }
  const dt = HAS_OFFSET.test(value.dateTime)
    ? DateTime.fromISO(value.dateTime, { setZone: true })
    : DateTime.fromISO(value.dateTime, { zone });
  if (!dt.isValid) throw googleErrors.invalid('Invalid start/end time.');
  return dt.setZone(zone);
}

export function checkZone(zone: string | undefined): void {
  if (zone !== undefined && !IANAZone.isValidZone(zone)) throw googleErrors.invalid(`Invalid time zone definition: ${zone}`);
}

/** RFC 3339 as Google prints it, e.g. 2026-01-05T09:00:00.000Z. */
export function rfc3339(at: Date | DateTime): string {
  return (at instanceof Date ? at : at.toJSDate()).toISOString();
}

/** Parses an RFC 3339 query parameter; it must carry an offset. */
export function parseQueryInstant(value: string, name: string): number {
  const dt = DateTime.fromISO(value, { setZone: true });
  if (!HAS_OFFSET.test(value) || !dt.isValid) throw googleErrors.invalid(`Bad Request: ${name}`, name);
  return dt.toMillis();
}
