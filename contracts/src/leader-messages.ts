// Messages about a leader's account and settings, published by the coach service, which owns them.
import { type Static, Type } from '@sinclair/typebox';
import { DisplayName, Id, Instant, LocalTime, Locale, TimeZone } from './primitives.js';
import { LedartidGoal, WorkingDay } from './user-profile.js';

/** When the weekly digest arrives: a weekday (ISO, 1 = Monday) and a local time in the leader's zone. */
export const DigestSchedule = Type.Object(
  { weekday: Type.Integer({ minimum: 1, maximum: 7 }), time: LocalTime },
  { additionalProperties: false },
);
export type DigestSchedule = Static<typeof DigestSchedule>;

/** A weekday and local start time the leader anchors ledartid to, week after week. */
export const HabitSlot = Type.Object(
  { weekday: Type.Integer({ minimum: 1, maximum: 7 }), start: LocalTime, minutes: Type.Integer({ minimum: 15, maximum: 480 }) },
  { additionalProperties: false },
);
export type HabitSlot = Static<typeof HabitSlot>;

/**
 * The leader's whole settings after a change. Projections replace what they hold with it, never merge, and keep
 * only the highest `revision` (strictly increasing per leader), so a late or repeated message changes nothing.
 */
export const LeaderSettingsChanged = Type.Object(
  {
    userId: Id,
    email: Type.String({ format: 'email' }),
    displayName: Type.Optional(DisplayName),
    locale: Locale,
    timeZone: TimeZone,
    workingHours: Type.Array(WorkingDay, { maxItems: 14 }),
    lunch: Type.Optional(Type.Object({ start: LocalTime, end: LocalTime }, { additionalProperties: false })),
    ledartidGoal: LedartidGoal,
    habitSlot: Type.Optional(HabitSlot),
    /** Book proposed ledartid into the calendar without asking. */
    autoBook: Type.Boolean(),
    weeklyDigest: Type.Boolean(),
    digestAt: DigestSchedule,
    revision: Type.Integer({ minimum: 1 }),
    changedAt: Instant,
  },
  { additionalProperties: false },
);
export type LeaderSettingsChanged = Static<typeof LeaderSettingsChanged>;

/** The leader deleted their account: every service erases what it holds about them. */
export const AccountDeleted = Type.Object({ userId: Id, deletedAt: Instant }, { additionalProperties: false });
export type AccountDeleted = Static<typeof AccountDeleted>;
