// Expands RFC 5545 recurrence into occurrence starts: one RRULE with FREQ=DAILY/WEEKLY/MONTHLY/YEARLY, INTERVAL,
// COUNT or UNTIL, WKST, BYDAY (ordinals such as 1MO or -1FR for MONTHLY/YEARLY), BYMONTHDAY (negative counts from the
// month's end), BYMONTH and BYSETPOS; plus RDATE (adds dates, TZID or VALUE=DATE) and EXDATE (removes them).
// A month or year lacking the day a rule asks for is skipped, not clamped (the 31st, Feb 29), as RFC 5545 says.
// COUNT counts the rule's occurrences before EXDATE removes any, and never RDATEs; a start the rule does not produce is
// not an occurrence (unless the series is RDATEs only). A date-only RDATE/EXDATE of a timed series means that date at
// the series' start time. Occurrences keep the start's wall-clock time in the series' zone across DST.
// Refused with 400, never ignored: EXRULE, more than one RRULE, FREQ=HOURLY/MINUTELY/SECONDLY, BYWEEKNO, BYYEARDAY,
// BYHOUR/BYMINUTE/BYSECOND, RDATE;VALUE=PERIOD, and parts RFC 5545 forbids for the frequency.
import { DateTime, IANAZone } from 'luxon';
import { googleErrors } from './errors.js';

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const DAY_MS = 86_400_000;
/** Stops a rule that can never match (e.g. BYMONTH=2;BYMONTHDAY=30) from scanning to a far-off horizon. */
const MAX_PERIODS = 200_000;

export type Frequency = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';

export interface WeekdayRule {
  /** ISO weekday 1–7. */
  weekday: number;
  /** The n-th (negative: from the end) such weekday of the month or year; absent = every one. */
  ordinal?: number;
}

/** A date from RDATE/EXDATE; `dateOnly` values of a timed series take the series' time of day. */
export interface RecurrenceDate {
  at: DateTime;
  dateOnly: boolean;
}

export interface RecurrenceRule {
  freq: Frequency;
  interval: number;
  count?: number;
  until?: DateTime;
  /** ISO weekday the week starts on (WKST), Monday by default. */
  weekStart: number;
  byDay?: WeekdayRule[];
  byMonthDay?: number[];
  byMonth?: number[];
  bySetPos?: number[];
}

export interface Recurrence {
  /** Absent when the series is only RDATEs (the start is then the first occurrence). */
  rule?: RecurrenceRule;
  rDates: RecurrenceDate[];
  exDates: RecurrenceDate[];
}

function parseStamp(value: string, zone: string, allDay: boolean, isUntil = false): RecurrenceDate {
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
  const dateOnly = m[4] === undefined;
  // A date-only UNTIL on a timed series still includes occurrences later that day.
  if (isUntil && dateOnly && !allDay) return { at: dt.endOf('day'), dateOnly };
  return { at: dt.setZone(zone), dateOnly };
}

/** The parameters of a content line's name part, e.g. `EXDATE;TZID=Europe/Stockholm` → {TZID: 'Europe/Stockholm'}. */
function lineParams(head: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const param of head.split(';').slice(1)) {
    const eq = param.indexOf('=');
    if (eq <= 0) throw googleErrors.invalid(`Invalid recurrence parameter: ${param}`);
    params.set(param.slice(0, eq).toUpperCase(), param.slice(eq + 1).replace(/^"(.*)"$/, '$1'));
  }
  return params;
}

function parseDates(name: string, head: string, body: string, zone: string, allDay: boolean): RecurrenceDate[] {
  const params = lineParams(head);
  for (const key of params.keys()) {
    if (key !== 'TZID' && key !== 'VALUE') throw googleErrors.invalid(`Unsupported ${name} parameter: ${key}`);
  }
  const valueType = params.get('VALUE')?.toUpperCase();
  if (valueType !== undefined && valueType !== 'DATE' && valueType !== 'DATE-TIME') {
    throw googleErrors.invalid(`Unsupported ${name} value type: ${valueType}`);
  }
  const tzid = params.get('TZID');
  if (tzid !== undefined && !IANAZone.isValidZone(tzid)) throw googleErrors.invalid(`Invalid time zone definition: ${tzid}`);
  return body.split(',').map((raw) => {
    const value = raw.trim();
    const date = parseStamp(value, tzid ?? zone, allDay);
    if (valueType === 'DATE' && !date.dateOnly) throw googleErrors.invalid(`${name} with VALUE=DATE needs dates: ${value}`);
    if (valueType === 'DATE-TIME' && date.dateOnly) throw googleErrors.invalid(`${name} needs date-times: ${value}`);
    return date;
  });
}

/** Parses the `recurrence` lines of a master event. Unsupported rules are rejected, never silently ignored. */
export function parseRecurrence(lines: string[], zone: string, allDay: boolean): Recurrence {
  let rule: RecurrenceRule | undefined;
  const exDates: RecurrenceDate[] = [];
  const rDates: RecurrenceDate[] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    const head = colon < 0 ? '' : line.slice(0, colon);
    const body = line.slice(colon + 1);
    const name = head.split(';')[0]?.toUpperCase();
    if (name === 'RRULE') {
      if (rule) throw googleErrors.invalid('Only one RRULE is supported.');
      rule = parseRule(body, zone, allDay);
    } else if (name === 'EXDATE' || name === 'RDATE') {
      (name === 'EXDATE' ? exDates : rDates).push(...parseDates(name, head, body, zone, allDay));
    } else if (name === 'EXRULE') {
      throw googleErrors.invalid(`EXRULE is not supported: ${line}`);
    } else {
      throw googleErrors.invalid(`Unsupported recurrence line: ${line}`);
    }
  }
  if (!rule && rDates.length === 0) throw googleErrors.invalid('A recurring event needs an RRULE or RDATE.');
  return { ...(rule ? { rule } : {}), rDates, exDates };
}

function weekdayOf(code: string): number {
  const index = WEEKDAYS.indexOf(code.toUpperCase() as (typeof WEEKDAYS)[number]);
  if (index < 0) throw googleErrors.invalid(`Invalid weekday: ${code}`);
  return index + 1;
}

/** A comma list of non-zero integers within ±max. */
function signedList(value: string, name: string, max: number): number[] {
  return value.split(',').map((v) => {
    const n = Number(v);
    if (!/^[+-]?\d+$/.test(v) || n === 0 || Math.abs(n) > max) throw googleErrors.invalid(`Invalid ${name}: ${v}`);
    return n;
  });
}

function parseRule(body: string, zone: string, allDay: boolean): RecurrenceRule {
  const rule: RecurrenceRule = { freq: 'WEEKLY', interval: 1, weekStart: 1 };
  const seen = new Set<string>();
  for (const part of body.split(';')) {
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).toUpperCase();
    const value = eq < 0 ? '' : part.slice(eq + 1);
    if (seen.has(key)) throw googleErrors.invalid(`RRULE part ${key} given twice.`);
    seen.add(key);
    switch (key) {
      case 'FREQ': {
        const freq = value.toUpperCase();
        if (freq !== 'DAILY' && freq !== 'WEEKLY' && freq !== 'MONTHLY' && freq !== 'YEARLY') throw googleErrors.invalid(`Unsupported FREQ: ${value}`);
        rule.freq = freq;
        break;
      }
      case 'INTERVAL':
        rule.interval = positiveInt(value, 'INTERVAL');
        break;
      case 'COUNT':
        rule.count = positiveInt(value, 'COUNT');
        break;
      case 'UNTIL':
        rule.until = parseStamp(value, zone, allDay, true).at;
        break;
      case 'WKST':
        rule.weekStart = weekdayOf(value);
        break;
      case 'BYDAY':
        rule.byDay = value.split(',').map((d) => {
          const m = /^([+-]?\d{1,2})?([A-Za-z]{2})$/.exec(d);
          if (!m) throw googleErrors.invalid(`Invalid BYDAY: ${d}`);
          const weekday = weekdayOf(m[2]!);
          if (m[1] === undefined) return { weekday };
          const ordinal = Number(m[1]);
          if (ordinal === 0 || Math.abs(ordinal) > 53) throw googleErrors.invalid(`Invalid BYDAY: ${d}`);
          return { weekday, ordinal };
        });
        break;
      case 'BYMONTHDAY':
        rule.byMonthDay = signedList(value, 'BYMONTHDAY', 31);
        break;
      case 'BYMONTH':
        rule.byMonth = value.split(',').map((v) => {
          const n = Number(v);
          if (!/^\d{1,2}$/.test(v) || n < 1 || n > 12) throw googleErrors.invalid(`Invalid BYMONTH: ${v}`);
          return n;
        });
        break;
      case 'BYSETPOS':
        rule.bySetPos = signedList(value, 'BYSETPOS', 366);
        break;
      default:
        // BYWEEKNO, BYYEARDAY, BYHOUR, BYMINUTE, BYSECOND and anything unknown.
        throw googleErrors.invalid(`Unsupported RRULE part: ${part}`);
    }
  }
  if (!seen.has('FREQ')) throw googleErrors.invalid('RRULE needs FREQ.');
  if (rule.count !== undefined && rule.until !== undefined) throw googleErrors.invalid('COUNT and UNTIL are exclusive.');
  const ordinals = rule.byDay?.filter((d) => d.ordinal !== undefined) ?? [];
  if (ordinals.length > 0 && rule.freq !== 'MONTHLY' && rule.freq !== 'YEARLY') {
    throw googleErrors.invalid(`BYDAY with an ordinal needs FREQ=MONTHLY or YEARLY, not ${rule.freq}.`);
  }
  const monthRelative = rule.freq === 'MONTHLY' || (rule.freq === 'YEARLY' && rule.byMonth !== undefined);
  if (monthRelative && ordinals.some((d) => Math.abs(d.ordinal!) > 5)) throw googleErrors.invalid('A month has at most five of each weekday.');
  if (rule.byMonthDay && rule.freq === 'WEEKLY') throw googleErrors.invalid('BYMONTHDAY cannot be used with FREQ=WEEKLY.');
  if (rule.bySetPos && !rule.byDay && !rule.byMonthDay && !rule.byMonth) throw googleErrors.invalid('BYSETPOS needs another BYxxx part.');
  return rule;
}

function positiveInt(value: string, name: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 10_000) throw googleErrors.invalid(`Invalid ${name}: ${value}`);
  return n;
}

// Calendar dates as day numbers (days since 1970-01-01), so candidate days cost no zone arithmetic.
const dayNumber = (year: number, month: number, day: number) => Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
const isoWeekday = (dayNum: number) => ((((dayNum + 3) % 7) + 7) % 7) + 1;
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
function civil(dayNum: number): { year: number; month: number; day: number } {
  const d = new Date(dayNum * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
const dayOf = (dt: DateTime) => dayNumber(dt.year, dt.month, dt.day);

/** Days in [from, to] (day numbers) matching the BYDAY rules, ordinals counted within that span. */
function byDaySpan(rules: WeekdayRule[], from: number, to: number): number[] {
  const out: number[] = [];
  for (const { weekday, ordinal } of rules) {
    const firstMatch = from + ((weekday - isoWeekday(from) + 7) % 7);
    const all: number[] = [];
    for (let d = firstMatch; d <= to; d += 7) all.push(d);
    if (ordinal === undefined) out.push(...all);
    else {
      const pick = ordinal > 0 ? all[ordinal - 1] : all[all.length + ordinal];
      if (pick !== undefined) out.push(pick);
    }
  }
  return out;
}

/** BYMONTHDAY values of one month as day numbers; days the month lacks are dropped. */
function monthDays(values: number[], year: number, month: number): number[] {
  const length = daysInMonth(year, month);
  return values.map((v) => (v > 0 ? v : length + 1 + v)).filter((d) => d >= 1 && d <= length).map((d) => dayNumber(year, month, d));
}

const intersect = (a: number[], b: number[]) => {
  const keep = new Set(b);
  return a.filter((d) => keep.has(d));
};

/** BYMONTHDAY and BYDAY (month-relative) within one month, or the start's day of month when neither is given. */
function monthSet(rule: RecurrenceRule, start: DateTime, year: number, month: number): number[] {
  const first = dayNumber(year, month, 1);
  const last = first + daysInMonth(year, month) - 1;
  const byMonthDay = rule.byMonthDay && monthDays(rule.byMonthDay, year, month);
  const byDay = rule.byDay && byDaySpan(rule.byDay, first, last);
  if (byMonthDay && byDay) return intersect(byMonthDay, byDay);
  if (byMonthDay ?? byDay) return (byMonthDay ?? byDay)!;
  return start.day <= daysInMonth(year, month) ? [dayNumber(year, month, start.day)] : [];
}

/** The candidate days of the k-th period (before BYSETPOS and the start/COUNT/UNTIL limits), unsorted. */
function periodDays(rule: RecurrenceRule, start: DateTime, k: number): { from: number; days: number[] } {
  const step = k * rule.interval;
  const startDay = dayOf(start);
  switch (rule.freq) {
    case 'DAILY': {
      const day = startDay + step;
      const { year, month } = civil(day);
      const ok =
        (!rule.byMonth || rule.byMonth.includes(month)) &&
        (!rule.byMonthDay || monthDays(rule.byMonthDay, year, month).includes(day)) &&
        (!rule.byDay || rule.byDay.some((d) => d.weekday === isoWeekday(day)));
      return { from: day, days: ok ? [day] : [] };
    }
    case 'WEEKLY': {
      const from = startDay - ((isoWeekday(startDay) - rule.weekStart + 7) % 7) + 7 * step;
      const weekdays = rule.byDay?.map((d) => d.weekday) ?? [start.weekday];
      const days = weekdays
        .map((w) => from + ((w - rule.weekStart + 7) % 7))
        .filter((d) => !rule.byMonth || rule.byMonth.includes(civil(d).month));
      return { from, days };
    }
    case 'MONTHLY': {
      const index = start.year * 12 + (start.month - 1) + step;
      const year = Math.floor(index / 12);
      const month = (index % 12) + 1;
      const from = dayNumber(year, month, 1);
      if (rule.byMonth && !rule.byMonth.includes(month)) return { from, days: [] };
      return { from, days: monthSet(rule, start, year, month) };
    }
    case 'YEARLY': {
      const year = start.year + step;
      const from = dayNumber(year, 1, 1);
      if (rule.byMonth) return { from, days: rule.byMonth.flatMap((month) => monthSet(rule, start, year, month)) };
      if (!rule.byDay && !rule.byMonthDay) return { from, days: monthSet(rule, start, year, start.month) };
      // No BYMONTH: BYMONTHDAY applies to every month, BYDAY ordinals count within the whole year.
      const byMonthDay = rule.byMonthDay && Array.from({ length: 12 }, (_, i) => monthDays(rule.byMonthDay!, year, i + 1)).flat();
      const byDay = rule.byDay && byDaySpan(rule.byDay, from, dayNumber(year, 12, 31));
      return { from, days: byMonthDay && byDay ? intersect(byMonthDay, byDay) : (byMonthDay ?? byDay)! };
    }
  }
}

function applySetPos(days: number[], positions: number[] | undefined): number[] {
  if (!positions) return days;
  const picked = positions.map((p) => (p > 0 ? days[p - 1] : days[days.length + p])).filter((d): d is number => d !== undefined);
  return [...new Set(picked)].sort((a, b) => a - b);
}

/** The instant of `dayNum` at the start's wall-clock time in the series' zone. */
function atStartTime(dayNum: number, start: DateTime): DateTime {
  const { year, month, day } = civil(dayNum);
  return DateTime.fromObject(
    { year, month, day, hour: start.hour, minute: start.minute, second: start.second, millisecond: start.millisecond },
    { zone: start.zone },
  );
}

/** An RDATE/EXDATE as an occurrence start of this series: dates take the start's time of day, all-day series the date. */
function asOccurrence(date: RecurrenceDate, start: DateTime, allDay: boolean): DateTime {
  // A date is the date it names, whatever zone it was read in; an all-day series' start is local midnight.
  if (date.dateOnly) return atStartTime(dayOf(date.at), start);
  const local = date.at.setZone(start.zone);
  return allDay ? atStartTime(dayOf(local), start) : local;
}

/** Rule occurrences from `start` on, stopping at COUNT, UNTIL, `horizon` (exclusive) or `limit`. */
function ruleOccurrences(rule: RecurrenceRule, start: DateTime, horizon: DateTime, limit: number): DateTime[] {
  const out: DateTime[] = [];
  const lastDay = Math.min(dayOf(horizon.setZone(start.zone)), rule.until ? dayOf(rule.until.setZone(start.zone)) : Number.POSITIVE_INFINITY);
  for (let k = 0; k < MAX_PERIODS; k++) {
    const { from, days } = periodDays(rule, start, k);
    if (from > lastDay) break;
    const sorted = [...new Set(days)].sort((a, b) => a - b);
    for (const day of applySetPos(sorted, rule.bySetPos)) {
      const candidate = atStartTime(day, start);
      if (candidate < start) continue;
      if ((rule.until && candidate > rule.until) || candidate >= horizon) return out;
      out.push(candidate);
      if (out.length >= limit || (rule.count !== undefined && out.length >= rule.count)) return out;
    }
  }
  return out;
}

/**
 * Occurrence starts of a series whose first occurrence is `start` (in the series' zone), up to `horizon` (exclusive),
 * in order. COUNT counts the rule's occurrences before EXDATE removes any, as RFC 5545 says; RDATEs come on top.
 */
export function expand(recurrence: Recurrence, start: DateTime, horizon: DateTime, allDay = false, limit = 5000): DateTime[] {
  // Generate enough that EXDATEs removing some still leave `limit`.
  const fromRule = recurrence.rule ? ruleOccurrences(recurrence.rule, start, horizon, limit + recurrence.exDates.length) : [start];
  const extra = recurrence.rDates.map((d) => asOccurrence(d, start, allDay)).filter((d) => d < horizon);
  const excluded = new Set(recurrence.exDates.map((d) => asOccurrence(d, start, allDay).toMillis()));
  const byInstant = new Map<number, DateTime>();
  for (const occ of [...fromRule, ...extra]) if (!excluded.has(occ.toMillis()) && occ < horizon) byInstant.set(occ.toMillis(), occ);
  return [...byInstant.entries()]
    .sort(([a], [b]) => a - b)
    .slice(0, limit)
    .map(([, occ]) => occ);
}

/** Google's observed instance id suffix: UTC basic format, or the plain date for all-day series. */
export function instanceId(masterId: string, start: DateTime, allDay: boolean): string {
  return `${masterId}_${allDay ? start.toFormat('yyyyMMdd') : start.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'")}`;
}
