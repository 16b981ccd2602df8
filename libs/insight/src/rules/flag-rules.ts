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
/** After hours: a meeting with more than this share of its time outside working hours is declined, not moved. */
export const AFTER_HOURS_DECLINE_OVER_SHARE = 0.5;
/** When a meeting breaks several rules the strongest action wins (an organiser's and an attendee's side by side). */
export const ACTION_STRENGTH: Readonly<Record<FlagAction, number>> = {
  decline: 9,
  cancel: 9,
  delegate: 8,
  hand_over: 8,
  make_less_frequent: 7,
  move: 6,
  shorten: 5,
  thin_out: 4,
  send_agenda: 3,
  ask_for_agenda: 2,
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
  /** Share (0–1) of the meeting outside working hours. */
  afterHoursShare: number;
  /** The meeting clashes with another one that is the better one to keep. */
  doubleBooked: boolean;
  overlapsLedartid: boolean;
  /** Time with the leader's own people: challenged only on when, never on whether. */
  peopleTime: boolean;
};

export type FlagRule = {
  reason: FlagReason;
  applies: (f: FlagFacts) => boolean;
  action: (f: FlagFacts) => FlagAction;
};

/**
 * Rules in reporting order; a flag lists the reasons of every rule that applies. The organiser of a meeting is never
 * told to decline it: their moves are to cancel, hand over, move, shorten, thin out or send an agenda. Time with the
 * leader's own people is only ever moved, never dropped.
 */
export const FLAG_RULES: readonly FlagRule[] = [
  {
    // Someone else's meeting on top of the leader's protected time: defend the block. Their own: move it out.
    reason: 'overlaps_ledartid',
    applies: (f) => f.overlapsLedartid,
    action: (f) => (f.organizerIsSelf || f.peopleTime ? 'move' : 'decline'),
  },
  {
    // Optional or only tentatively there in a big room: send someone, or skip it when optional.
    reason: 'large_passive',
    applies: (f) =>
      f.attendeeCount >= LARGE_MEETING_MIN_PEOPLE &&
      !f.organizerIsSelf &&
      !f.peopleTime &&
      (f.selfOptional || f.selfResponse === 'tentative'),
    action: (f) => (f.selfOptional ? 'decline' : 'delegate'),
  },
  {
    // Two places at once and this is the one to let go: the organiser hands theirs over; people time is moved.
    reason: 'double_booked',
    applies: (f) => f.doubleBooked,
    action: (f) => (f.peopleTime ? 'move' : f.organizerIsSelf ? 'hand_over' : 'decline'),
  },
  {
    // Running a little late is a matter of moving the meeting; only what lies mostly outside hours is declined.
    reason: 'after_hours',
    applies: (f) => f.afterHoursShare > 0,
    action: (f) =>
      f.afterHoursShare > AFTER_HOURS_DECLINE_OVER_SHARE && !f.organizerIsSelf && !f.peopleTime ? 'decline' : 'move',
  },
  {
    // A big recurring meeting without an agenda: the attendee asks for it to meet less often; the organiser sends an
    // agenda, and invites fewer when the room is large.
    reason: 'recurring_no_agenda',
    applies: (f) =>
      f.recurring && !f.peopleTime && f.attendeeCount >= RECURRING_NO_AGENDA_MIN_PEOPLE && !f.hasDescription,
    action: (f) =>
      f.organizerIsSelf ? (f.attendeeCount >= LARGE_MEETING_MIN_PEOPLE ? 'thin_out' : 'send_agenda') : 'make_less_frequent',
  },
  {
    reason: 'long_recurring',
    applies: (f) => f.recurring && !f.peopleTime && f.durationMinutes > LONG_RECURRING_OVER_MINUTES,
    action: () => 'shorten',
  },
  {
    // Short notice from someone else: ask what it is for. Booked by the leader: send the agenda they would want.
    reason: 'short_notice',
    applies: (f) => !f.peopleTime && f.noticeHours <= SHORT_NOTICE_MAX_HOURS,
    action: (f) => (f.organizerIsSelf ? 'send_agenda' : 'ask_for_agenda'),
  },
  {
    reason: 'unanswered',
    applies: (f) => !f.organizerIsSelf && !f.peopleTime && f.selfResponse === 'needsAction',
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
 * Minutes per occurrence after the action: decline/delegate/cancel/hand over → 0, shorten → one standard length
 * down, make less frequent → the kept share; asking for or sending an agenda, thinning out the invitation list and
 * moving give the leader nothing back by themselves.
 */
export function minutesAfter(action: FlagAction, durationMinutes: number): number {
  switch (action) {
    case 'decline':
    case 'delegate':
    case 'cancel':
    case 'hand_over':
      return 0;
    case 'shorten':
      return shortenedLength(durationMinutes);
    case 'make_less_frequent':
      return durationMinutes * MAKE_LESS_FREQUENT_KEEP_SHARE;
    case 'ask_for_agenda':
    case 'send_agenda':
    case 'thin_out':
    case 'move':
      return durationMinutes;
  }
}

/** Actions that take the whole occurrence out of the leader's calendar. */
export function freesWholeMeeting(action: FlagAction): boolean {
  return action === 'decline' || action === 'delegate' || action === 'cancel' || action === 'hand_over';
}
