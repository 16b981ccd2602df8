// The leader's profile: where they live in time, when they work, and what they opted in to.
import { type Static, Type } from '@sinclair/typebox';
import { DisplayName, Id, LocalTime, TimeZone } from './primitives.js';

/** One working window; ISO weekday 1 = Monday … 7 = Sunday. */
export const WorkingDay = Type.Object(
  { weekday: Type.Integer({ minimum: 1, maximum: 7 }), start: LocalTime, end: LocalTime },
  { additionalProperties: false },
);
export type WorkingDay = Static<typeof WorkingDay>;

export const PreferredTime = Type.Union([Type.Literal('morning'), Type.Literal('afternoon'), Type.Literal('any')]);

export const LedartidGoal = Type.Object(
  {
    blocks: Type.Integer({ minimum: 0, maximum: 10, default: 2 }),
    blockMinutes: Type.Integer({ minimum: 15, maximum: 480, default: 90 }),
    preferredTime: PreferredTime,
  },
  { additionalProperties: false },
);
export type LedartidGoal = Static<typeof LedartidGoal>;

export const OptIns = Type.Object(
  {
    /** Book proposed ledartid into the calendar without asking. */
    autoBook: Type.Boolean({ default: false }),
    weeklyDigest: Type.Boolean({ default: true }),
    /** Let the leader's coach see their calendar patterns and habits. */
    shareWithCoach: Type.Boolean({ default: false }),
  },
  { additionalProperties: false },
);
export type OptIns = Static<typeof OptIns>;

export const UserProfile = Type.Object(
  {
    userId: Id,
    email: Type.String({ format: 'email' }),
    displayName: Type.Optional(DisplayName),
    timeZone: TimeZone,
    locale: Type.String({ pattern: '^[a-z]{2,3}(-[A-Z]{2})?$' }),
    workingHours: Type.Array(WorkingDay, { maxItems: 14 }),
    lunch: Type.Optional(Type.Object({ start: LocalTime, end: LocalTime }, { additionalProperties: false })),
    ledartidGoal: LedartidGoal,
    optIns: OptIns,
    coachId: Type.Optional(Id),
    /** When the weekly digest arrives; Monday 07:00 in the leader's zone when unset. */
    digestAt: Type.Optional(Type.Object({ weekday: Type.Integer({ minimum: 1, maximum: 7 }), time: LocalTime }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type UserProfile = Static<typeof UserProfile>;

/** The digest's language for a profile's locale: English for any `en` locale, Swedish otherwise. */
export function digestLocale(locale: string): 'sv' | 'en' {
  return locale.toLowerCase().startsWith('en') ? 'en' : 'sv';
}

/** When the weekly digest comes unless the leader chose otherwise: Monday 07:00 in their own zone. */
export const DEFAULT_DIGEST_AT = { weekday: 1, time: '07:00' } as const;

/** Monday–Friday 08:00–17:00, lunch 11:30–12:30, 2 × 90 minutes of ledartid. */
export function defaultProfile(fields: Pick<UserProfile, 'userId' | 'email' | 'timeZone'> & Partial<UserProfile>): UserProfile {
  return {
    locale: 'sv-SE',
    workingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '17:00' })),
    lunch: { start: '11:30', end: '12:30' },
    ledartidGoal: { blocks: 2, blockMinutes: 90, preferredTime: 'any' },
    optIns: { autoBook: false, weeklyDigest: true, shareWithCoach: false },
    ...fields,
  };
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * What makes no sense in a week's working hours and lunch, in words for the leader; empty when they make sense.
 * A window ends after it starts; windows of one day do not overlap; lunch ends after it starts, lies inside working
 * hours on at least one day, and never straddles the start or end of a window.
 */
export function scheduleProblems(workingHours: readonly WorkingDay[], lunch?: { start: string; end: string }): string[] {
  const problems: string[] = [];
  const byDay = new Map<number, WorkingDay[]>();
  for (const day of workingHours) {
    if (minutesOf(day.start) >= minutesOf(day.end)) problems.push(`working hours on weekday ${day.weekday} end before they start`);
    byDay.set(day.weekday, [...(byDay.get(day.weekday) ?? []), day]);
  }
  for (const [weekday, windows] of [...byDay].sort(([a], [b]) => a - b)) {
    const sorted = [...windows].sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
    for (let i = 1; i < sorted.length; i++) {
      const before = sorted[i - 1] as WorkingDay;
      const next = sorted[i] as WorkingDay;
      if (minutesOf(next.start) < minutesOf(before.end)) {
        problems.push(`working windows on weekday ${weekday} overlap (${before.start}–${before.end} and ${next.start}–${next.end})`);
      }
    }
  }
  if (!lunch) return problems;
  const [ls, le] = [minutesOf(lunch.start), minutesOf(lunch.end)];
  if (ls >= le) return [...problems, 'lunch ends before it starts'];
  let inside = false;
  for (const day of workingHours) {
    const [ws, we] = [minutesOf(day.start), minutesOf(day.end)];
    if (ls >= ws && le <= we) inside = true;
    else if (ls < we && le > ws) problems.push(`lunch ${lunch.start}–${lunch.end} straddles the working window ${day.start}–${day.end} on weekday ${day.weekday}`);
  }
  if (!inside && workingHours.length > 0) problems.push(`lunch ${lunch.start}–${lunch.end} lies outside working hours`);
  return problems;
}
