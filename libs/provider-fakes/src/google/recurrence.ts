// Expands RFC 5545 recurrence (DAILY/WEEKLY with COUNT, UNTIL, INTERVAL, BYDAY, and EXDATE) into occurrence starts.
import { DateTime } from 'luxon';
import { googleErrors } from './errors.js';

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

export interface RecurrenceRule {
  freq: 'DAILY' | 'WEEKLY';
  interval: number;
  count?: number;
  until?: DateTime;
  /** ISO weekdays 1–7. */
  byDay?: number[];
  exDates: DateTime[];
}

function parseStamp(value: string, zone: string, allDay: boolean, isUntil = false): DateTime {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(value);
  if (!m) throw googleErrors.invalid(`Invalid recurrence date: ${value}`);
  const parts = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
  };
  const dt = DateTime.fromObject(parts, { zone: m[7] ? 'UTC' : zone });
  if (!dt.isValid) throw googleErrors.invalid(`Invalid recurrence date: ${value}`);
  // A date-only UNTIL on a timed series still includes occurrences later that day.
  if (isUntil && !m[4] && !allDay) return dt.endOf('day');
  return dt.setZone(zone);
}

/** Parses the `recurrence` lines of a master event. Unsupported rules are rejected, never silently ignored. */
export function parseRecurrence(lines: string[], zone: string, allDay: boolean): RecurrenceRule {
  let rule: RecurrenceRule | undefined;
  const exDates: DateTime[] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    const head = colon < 0 ? '' : line.slice(0, colon).toUpperCase();
    const body = line.slice(colon + 1);
    const name = head.split(';')[0];
    if (name === 'RRULE') {
      if (rule) throw googleErrors.invalid('Only one RRULE is supported.');
      rule = parseRule(body, zone, allDay);
    } else if (name === 'EXDATE') {
      const tzid = /TZID=([^;:]+)/i.exec(head)?.[1];
      for (const v of body.split(',')) exDates.push(parseStamp(v.trim(), tzid ?? zone, allDay));
    } else {
      throw googleErrors.invalid(`Unsupported recurrence line: ${line}`);
    }
  }
  if (!rule) throw googleErrors.invalid('A recurring event needs an RRULE.');
  rule.exDates = exDates;
  return rule;
}

function parseRule(body: string, zone: string, allDay: boolean): RecurrenceRule {
  const rule: RecurrenceRule = { freq: 'WEEKLY', interval: 1, exDates: [] };
  let freqSeen = false;
  for (const part of body.split(';')) {
    const [key, value = ''] = part.split('=');
    switch (key?.toUpperCase()) {
      case 'FREQ':
        if (value !== 'DAILY' && value !== 'WEEKLY') throw googleErrors.invalid(`Unsupported FREQ: ${value}`);
        rule.freq = value;
        freqSeen = true;
        break;
      case 'INTERVAL':
        rule.interval = positiveInt(value, 'INTERVAL');
        break;
      case 'COUNT':
        rule.count = positiveInt(value, 'COUNT');
        break;
      case 'UNTIL':
        rule.until = parseStamp(value, zone, allDay, true);
        break;
      case 'BYDAY':
        rule.byDay = value.split(',').map((d) => {
          const index = WEEKDAYS.indexOf(d.toUpperCase() as (typeof WEEKDAYS)[number]);
          if (index < 0) throw googleErrors.invalid(`Unsupported BYDAY: ${d}`);
          return index + 1;
        });
        break;
      case 'WKST':
        if (value.toUpperCase() !== 'MO') throw googleErrors.invalid('Only WKST=MO is supported.');
        break;
      default:
        throw googleErrors.invalid(`Unsupported RRULE part: ${part}`);
    }
  }
  if (!freqSeen) throw googleErrors.invalid('RRULE needs FREQ.');
  if (rule.count !== undefined && rule.until !== undefined) throw googleErrors.invalid('COUNT and UNTIL are exclusive.');
  return rule;
}

function positiveInt(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw googleErrors.invalid(`Invalid ${name}: ${value}`);
  return n;
}

/**
 * Occurrence starts of a series whose first occurrence is `first` (in the series' zone), up to `horizon`
 * (exclusive). COUNT counts occurrences before EXDATE removes any, as RFC 5545 says.
 */
export function expand(rule: RecurrenceRule, first: DateTime, horizon: DateTime, limit = 5000): DateTime[] {
  const out: DateTime[] = [];
  let produced = 0;
  const excluded = new Set(rule.exDates.map((d) => d.toMillis()));
  const accept = (candidate: DateTime): boolean => {
    if (rule.until && candidate > rule.until) return false;
    if (rule.count !== undefined && produced >= rule.count) return false;
    if (candidate >= horizon || out.length >= limit) return false;
    produced++;
    if (!excluded.has(candidate.toMillis())) out.push(candidate);
    return true;
  };
  const days = rule.byDay ? [...new Set(rule.byDay)].sort((a, b) => a - b) : undefined;
  if (rule.freq === 'DAILY') {
    for (let k = 0; ; k += rule.interval) {
      const candidate = first.plus({ days: k });
      if (days && !days.includes(candidate.weekday)) {
        if (candidate >= horizon || (rule.until && candidate > rule.until)) break;
        continue;
      }
      if (!accept(candidate)) break;
    }
    return out;
  }
  const weekStart = first.minus({ days: first.weekday - 1 });
  const weekdays = days ?? [first.weekday];
  for (let k = 0; ; k += rule.interval) {
    let stop = false;
    for (const weekday of weekdays) {
      const candidate = weekStart.plus({ weeks: k, days: weekday - 1 });
      if (candidate < first) continue;
      if (!accept(candidate)) {
        stop = true;
        break;
      }
    }
    if (stop) break;
  }
  return out;
}

/** Google's observed instance id suffix: UTC basic format, or the plain date for all-day series. */
export function instanceId(masterId: string, start: DateTime, allDay: boolean): string {
  return `${masterId}_${allDay ? start.toFormat('yyyyMMdd') : start.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'")}`;
}
