// proposeLedartid: the week's ledartid goal, the blocks already booked, new free slots, and trade-offs for what is missing.
import type { BookedLedartidBlock, CalendarEvent, LedartidProposal, UserProfile } from '@ledarsteg/contracts';
import type { DateTime } from 'luxon';
import { validateBookedBlocks, validateNow, validateWeek } from './input-validation.js';
import { MS_PER_MINUTE, parseInstant } from './instant.js';
import { intersectSets, mergeSets, totalLength, unionOf, unionSorted } from './interval-set.js';
import { findSlots } from './ledartid-slots.js';
import { flagMeetings } from './meeting-flags.js';
import { type PreparedEvents, preparedInput } from './prepared-events.js';
import { profileInput } from './prepared-profile.js';
import { planTradeOffs } from './trade-offs.js';
import { ROLE_BLOCKS_TIME, weekEvents } from './week-events.js';
import { isoInZone } from './week-frame.js';
import { type WorkingWeek, workingWeekOf } from './working-week.js';

export type ProposeLedartidInput = {
  /** The week's events: raw (validated here) or from `prepareEvents` (validated once, trusted). */
  events: CalendarEvent[] | PreparedEvents;
  /** The leader's profile: raw (validated here) or from `prepareProfile` (validated once, trusted). */
  profile: UserProfile;
  week: string;
  now: DateTime | string;
  /** Blocks LedarSteg already booked this week (also those not yet visible in the calendar). */
  existingBlocks?: BookedLedartidBlock[];
};

function dayIndexOf(work: WorkingWeek, ms: number): number {
  for (let d = 0; d < work.days.length; d++) if (ms >= work.days[d]!.start && ms < work.days[d]!.end) return d;
  return -1;
}

export function proposeLedartid(input: ProposeLedartidInput): LedartidProposal {
  const profile = profileInput(input.profile);
  const week = validateWeek(input.week);
  const now = validateNow(input.now);
  const prepared = preparedInput(input.events);
  const booked = validateBookedBlocks(input.existingBlocks, 'existingBlocks');

  const work = workingWeekOf(profile, week);
  const events = weekEvents(prepared, work.start, work.end);
  const goal = profile.ledartidGoal;
  const lengthMs = goal.blockMinutes * MS_PER_MINUTE;

  // Existing blocks: the calendar's copy wins over the booking history for the same block id.
  const existing = new Map<string, { start: number; end: number }>();
  for (const b of booked) existing.set(b.blockId, { start: parseInstant(b.start), end: parseInstant(b.end) });
  for (const b of events.ledartid) existing.set(b.blockId, { start: b.start, end: b.end });
  const inWeek = [...existing.values()].filter((b) => b.end > work.start && b.start < work.end);
  const existingTime = intersectSets(unionOf(inWeek.map((b) => [b.start, b.end] as const)), [work.start, work.end]);
  const existingMinutes = totalLength(existingTime) / MS_PER_MINUTE;
  const daysWithLedartid = new Set(inWeek.map((b) => dayIndexOf(work, Math.max(b.start, work.start))));
  // A booking still in flight is busy time already, even before the calendar shows it.
  // (Blocking time is already a union, so with nothing in flight it is the busy time as it is; read-only here.)
  const busy = existingTime.length === 0 ? events.blocking : mergeSets(events.blocking, existingTime);

  const wanted = Math.max(0, goal.blocks - inWeek.length);
  const slots = findSlots(
    { work, busy, now, lengthMs, preferredTime: goal.preferredTime, daysWithLedartid },
    wanted,
  );
  const goalMinutes = goal.blocks * goal.blockMinutes;
  const proposedMinutes = slots.length * goal.blockMinutes;

  let tradeOffs: LedartidProposal['tradeOffs'] = [];
  const missing = wanted - slots.length;
  if (missing > 0) {
    // Time with the leader's own people is never offered as a drop: it stays fixed like any unflagged meeting.
    const flagged = flagMeetings(events, work, now).filter((f) => f.start >= now && !f.meeting.peopleTime);
    const challengeable = new Set(flagged.map((f) => f.event));
    const { events: calendar, times, order, roles } = prepared;
    const fixedStarts: number[] = [];
    const fixedEnds: number[] = [];
    // In start order, so the union needs no sort; the role bits say what `blocksTime` said when the events were prepared.
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      if ((roles[i]! & ROLE_BLOCKS_TIME) !== 0 && !challengeable.has(calendar[i]!)) {
        fixedStarts.push(times.start[i]!);
        fixedEnds.push(times.end[i]!);
      }
    }
    const fixedBusy = mergeSets(
      unionSorted(fixedStarts, fixedEnds),
      mergeSets(existingTime, unionOf(slots.map((s) => [s.start, s.end] as const))),
    );
    const busyDays = new Set([...daysWithLedartid, ...slots.map((s) => s.dayIndex)]);
    tradeOffs = planTradeOffs({ work, fixedBusy, flagged, now, lengthMs, busyDays }, missing).map((plan) => ({
      forSlot: { start: isoInZone(plan.start, work.frame), end: isoInZone(plan.end, work.frame) },
      drop: plan.drop,
    }));
  }

  return {
    week,
    timeZone: work.zone,
    slots: slots.map((s) => ({
      start: isoInZone(s.start, work.frame),
      end: isoInZone(s.end, work.frame),
      day: work.days[s.dayIndex]!.date,
    })),
    goalMinutes,
    existingMinutes,
    proposedMinutes,
    shortfallMinutes: Math.max(0, goalMinutes - existingMinutes - proposedMinutes),
    tradeOffs,
  };
}
