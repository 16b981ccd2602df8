// The table of "meetings to challenge" rules: each names its threshold, the reason code and the action it proposes.
import type { CalendarEvent, FlagAction, FlagReason } from '@ledarsteg/contracts';
import { LARGE_MEETING_MIN_PEOPLE, SHORT_NOTICE_MAX_HOURS } from './metric-rules.js';

/** Recurring meetings with at least this many people and no agenda (description) should meet less often. */
export const RECURRING_NO_AGENDA_MIN_PEOPLE = 5;
/** Recurring meetings longer than this should be shortened one standard length. */
export const LONG_RECURRING_OVER_MINUTES = 60;
/** Meeting lengths people actually book; "shorten" means one step down this list (90 → 60, 60 → 45). */
export const STANDARD_MEETING_LENGTHS = [15, 25, 30, 45, 60, 90, 120, 180, 240] as const;
/** Making a series less frequent (e.g. weekly → every other week) keeps this share of its time. */
export const MAKE_LESS_FREQUENT_KEEP_SHARE = 0.5;
/** When a meeting breaks several rules the strongest action wins. */
export const ACTION_STRENGTH: Readonly<Record<FlagAction, number>> = {
  decline: 5,
  delegate: 4,
  make_less_frequent: 3,
  shorten: 2,
  ask_for_agenda: 1,
};

/** What the rules need to know about one meeting. */
export type FlagFacts = {
  durationMinutes: number;
  attendeeCount: number;
  recurring: boolean;
  hasDescription: boolean;
  organizerIsSelf: boolean;
  selfOptional: boolean;
  selfResponse: CalendarEvent['selfResponse'];
  noticeHours: number;
  afterHours: boolean;
  doubleBooked: boolean;
  overlapsLedartid: boolean;
};

export type FlagRule = {
  reason: FlagReason;
  applies: (f: FlagFacts) => boolean;
  action: (f: FlagFacts) => FlagAction;
};

/** Rules in reporting order; a flag lists the reasons of every rule that applies. */
export const FLAG_RULES: readonly FlagRule[] = [
  {
    // Someone else's meeting on top of the leader's protected time: defend the block.
    reason: 'overlaps_ledartid',
    applies: (f) => f.overlapsLedartid,
    action: () => 'decline',
  },
  {
    // Optional or only tentatively there in a big room: send someone, or skip it when optional.
    reason: 'large_passive',
    applies: (f) =>
      f.attendeeCount >= LARGE_MEETING_MIN_PEOPLE &&
      !f.organizerIsSelf &&
      (f.selfOptional || f.selfResponse === 'tentative'),
    action: (f) => (f.selfOptional ? 'decline' : 'delegate'),
  },
  {
    // Two places at once: the leader can only attend one; the organiser hands theirs over.
    reason: 'double_booked',
    applies: (f) => f.doubleBooked,
    action: (f) => (f.organizerIsSelf ? 'delegate' : 'decline'),
  },
  {
    reason: 'after_hours',
    applies: (f) => f.afterHours,
    action: () => 'decline',
  },
  {
    reason: 'recurring_no_agenda',
    applies: (f) => f.recurring && f.attendeeCount >= RECURRING_NO_AGENDA_MIN_PEOPLE && !f.hasDescription,
    action: () => 'make_less_frequent',
  },
  {
    reason: 'long_recurring',
    applies: (f) => f.recurring && f.durationMinutes > LONG_RECURRING_OVER_MINUTES,
    action: () => 'shorten',
  },
  {
    reason: 'short_notice',
    applies: (f) => f.noticeHours <= SHORT_NOTICE_MAX_HOURS,
    action: () => 'ask_for_agenda',
  },
  {
    reason: 'unanswered',
    applies: (f) => f.selfResponse === 'needsAction',
    action: () => 'ask_for_agenda',
  },
];

/** One standard length below `minutes` (never below the shortest one, never longer than the meeting). */
export function shortenedLength(minutes: number): number {
  let best: number = STANDARD_MEETING_LENGTHS[0];
  for (const length of STANDARD_MEETING_LENGTHS) if (length < minutes) best = length;
  return Math.min(best, minutes);
}

/**
 * Minutes per occurrence after the action: decline/delegate → 0, shorten → one standard length down,
 * make less frequent → the kept share, ask for an agenda → unchanged (it gives nothing back by itself).
 */
export function minutesAfter(action: FlagAction, durationMinutes: number): number {
  switch (action) {
    case 'decline':
    case 'delegate':
      return 0;
    case 'shorten':
      return shortenedLength(durationMinutes);
    case 'make_less_frequent':
      return durationMinutes * MAKE_LESS_FREQUENT_KEEP_SHARE;
    case 'ask_for_agenda':
      return durationMinutes;
  }
}
