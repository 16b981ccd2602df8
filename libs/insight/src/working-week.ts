// The leader's working time in one ISO week, as epoch-ms intervals computed in their own zone (DST-correct).
import type { UserProfile } from '@ledarsteg/contracts';
import { type IntervalSet, subtractSets, unionOf } from './interval-set.js';
import { MORNING_ENDS_AT_MINUTE } from './rules/slot-rules.js';
import { type WeekFrame, weekFrame } from './week-frame.js';

export type WorkingDayWindows = {
  /** Local date, yyyy-MM-dd. */
  date: string;
  start: number;
  end: number;
  /** The instant that separates morning from afternoon on this day. */
  noon: number;
  /** Working hours of the day (lunch included). */
  work: IntervalSet;
  /** Working hours minus lunch: where focus is measured and ledartid may go. */
  workNoLunch: IntervalSet;
};

export type WorkingWeek = {
  week: string;
  zone: string;
  frame: WeekFrame;
  start: number;
  end: number;
  days: WorkingDayWindows[];
  work: IntervalSet;
  workNoLunch: IntervalSet;
};

function minuteOfDay(localTime: string): number {
  return Number(localTime.slice(0, 2)) * 60 + Number(localTime.slice(3, 5));
}

function buildWorkingWeek(week: string, profile: UserProfile): WorkingWeek {
  const zone = profile.timeZone;
  const frame = weekFrame(week, zone);
  const lunch = profile.lunch ? [minuteOfDay(profile.lunch.start), minuteOfDay(profile.lunch.end)] : undefined;
  const days: WorkingDayWindows[] = [];
  for (let i = 0; i < 7; i++) {
    const weekday = i + 1;
    const work = unionOf(
      profile.workingHours
        .filter((w) => w.weekday === weekday)
        .map((w) => [frame.clock(i, minuteOfDay(w.start)), frame.clock(i, minuteOfDay(w.end))] as const),
    );
    const workNoLunch =
      lunch && work.length > 0 ? subtractSets(work, [frame.clock(i, lunch[0]!), frame.clock(i, lunch[1]!)]) : work;
    days.push({
      date: frame.dates[i]!,
      start: frame.dayStarts[i]!,
      end: frame.dayStarts[i + 1]!,
      noon: frame.clock(i, MORNING_ENDS_AT_MINUTE),
      work,
      workNoLunch,
    });
  }
  return {
    week,
    zone,
    frame,
    start: frame.start,
    end: frame.end,
    days,
    work: days.flatMap((d) => d.work),
    workNoLunch: days.flatMap((d) => d.workNoLunch),
  };
}

// Leaders share a handful of schedules, and analyseWeek and proposeLedartid ask for the same week: build each once.
const WORKING_WEEK_CACHE_LIMIT = 4096;
const workingWeeks = new Map<string, WorkingWeek>();

/** Everything the working week depends on: the week, the zone, the working hours and lunch. */
function scheduleKey(week: string, profile: UserProfile): string {
  let key = `${week}|${profile.timeZone}`;
  for (const day of profile.workingHours) key += `|${day.weekday} ${day.start}-${day.end}`;
  if (profile.lunch) key += `|lunch ${profile.lunch.start}-${profile.lunch.end}`;
  return key;
}

/** The leader's working week; shared between calls, so read-only. */
export function workingWeek(week: string, profile: UserProfile): WorkingWeek {
  const key = scheduleKey(week, profile);
  let work = workingWeeks.get(key);
  if (work === undefined) {
    work = buildWorkingWeek(week, profile);
    if (workingWeeks.size >= WORKING_WEEK_CACHE_LIMIT) workingWeeks.clear();
    workingWeeks.set(key, work);
  }
  return work;
}

/**
 * The schedule a profile had when its weeks were cached, kept as plain values: compared on every call (no key to
 * build), so a profile changed in place gets new weeks.
 */
type ProfileWeeks = { zone: string; hours: Array<string | number>; lunchStart: string | undefined; lunchEnd: string | undefined; weeks: Map<string, WorkingWeek> };

/** Weeks kept per profile: the analyser works on a few weeks around now. */
const WEEKS_PER_PROFILE_LIMIT = 64;
const profileWeeks = new WeakMap<UserProfile, ProfileWeeks>();

function scheduleOf(profile: UserProfile): ProfileWeeks {
  const hours: Array<string | number> = [];
  for (const day of profile.workingHours) hours.push(day.weekday, day.start, day.end);
  return { zone: profile.timeZone, hours, lunchStart: profile.lunch?.start, lunchEnd: profile.lunch?.end, weeks: new Map() };
}

function sameSchedule(known: ProfileWeeks, profile: UserProfile): boolean {
  const days = profile.workingHours;
  const hours = known.hours;
  if (known.zone !== profile.timeZone || hours.length !== days.length * 3) return false;
  if (known.lunchStart !== profile.lunch?.start || known.lunchEnd !== profile.lunch?.end) return false;
  for (let i = 0; i < days.length; i++) {
    const day = days[i]!;
    if (hours[i * 3] !== day.weekday || hours[i * 3 + 1] !== day.start || hours[i * 3 + 2] !== day.end) return false;
  }
  return true;
}

/** The working week of a validated profile, found on the profile object while its schedule stays the same. */
export function workingWeekOf(profile: UserProfile, week: string): WorkingWeek {
  let known = profileWeeks.get(profile);
  if (known === undefined || !sameSchedule(known, profile)) {
    known = scheduleOf(profile);
    profileWeeks.set(profile, known);
  }
  let work = known.weeks.get(week);
  if (work === undefined) {
    work = workingWeek(week, profile);
    if (known.weeks.size >= WEEKS_PER_PROFILE_LIMIT) known.weeks.clear();
    known.weeks.set(week, work);
  }
  return work;
}
