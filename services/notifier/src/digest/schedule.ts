// When a leader's digest is due, in their own zone and across DST changes, and which week it covers. Pure.
import { type DigestSchedule, isoWeekOf } from '@ledarsteg/contracts';
import { DateTime } from 'luxon';

/**
 * The first instant after `after` that is `schedule.weekday` at `schedule.time` on the leader's wall clock. A time
 * that does not exist that day (the spring-forward gap) comes at the same instant one hour later on the clock; a time
 * that exists twice (fall-back) comes at its first occurrence only.
 */
/** The local time on that day; of a wall time that exists twice, the first (luxon on its own picks the second). */
function wallTime(day: DateTime, hour: number, minute: number, zone: string): DateTime {
  const at = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone });
  const hourEarlier = at.minus({ hours: 1 });
  return hourEarlier.hour === at.hour && hourEarlier.minute === at.minute ? hourEarlier : at;
}

export function nextDigestAt(schedule: DigestSchedule, zone: string, after: Date): Date {
  const [hour = 0, minute = 0] = schedule.time === '24:00' ? [23, 59] : schedule.time.split(':').map(Number);
  const local = DateTime.fromJSDate(after, { zone });
  if (!local.isValid) throw new RangeError(`not a time zone: ${zone}`);
  for (let i = 0; i <= 7; i++) {
    const day = local.startOf('day').plus({ days: i });
    if (day.weekday !== schedule.weekday) continue;
    const at = wallTime(day, hour, minute, zone);
    if (at.toMillis() > after.getTime()) return at.toJSDate();
  }
  // Only reached when this week's slot has just passed: the same weekday next week.
  const day = local.startOf('day').plus({ days: 7 });
  return wallTime(day, hour, minute, zone).toJSDate();
}

/**
 * The week a digest sent at `at` covers: on a Monday the week that has just begun; on any other day the week that
 * starts next Monday (a Sunday-evening digest prepares the coming week).
 */
export function weekAheadAt(at: Date, zone: string): string {
  const local = DateTime.fromJSDate(at, { zone });
  return local.weekday === 1 ? isoWeekOf(at, zone) : isoWeekOf(local.startOf('week').plus({ weeks: 1, days: 3 }).toJSDate(), zone);
}

/** The ISO week `offset` weeks from `week` in `zone` (negative: earlier). */
export function shiftWeek(week: string, offset: number, zone: string): string {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) throw new RangeError(`not an ISO week: ${week}`);
  const midweek = DateTime.fromObject({ weekYear: Number(match[1]), weekNumber: Number(match[2]), weekday: 4, hour: 12 }, { zone });
  return isoWeekOf(midweek.plus({ weeks: offset }).toJSDate(), zone);
}

/** The next digest due after `after`, or none when the leader does not want one. */
export function nextDue(sub: { weeklyDigest: boolean; digestAt: DigestSchedule; timeZone: string }, after: Date): { dueAt: Date; dueWeek: string } | undefined {
  if (!sub.weeklyDigest) return undefined;
  const dueAt = nextDigestAt(sub.digestAt, sub.timeZone, after);
  return { dueAt, dueWeek: weekAheadAt(dueAt, sub.timeZone) };
}
