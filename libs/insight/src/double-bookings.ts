// Double bookings: which of two clashing meetings to keep, so the analysis recommends one instead of "decline both".
import type { CalendarEvent } from '@ledarsteg/contracts';
import type { WeekMeeting } from './week-events.js';

const ANSWER_RANK: Readonly<Record<CalendarEvent['selfResponse'], number>> = {
  organizer: 0,
  accepted: 0,
  tentative: 1,
  needsAction: 2,
  declined: 3,
};

/**
 * Negative when `a` is the better meeting to keep: the one the leader organises, then the one with fewer people,
 * then time with the leader's own people, then the one the leader said yes to first (answered before unanswered;
 * among the answered, the earlier booked — the calendar does not say when an answer was given).
 */
export function keepOrder(a: WeekMeeting, b: WeekMeeting): number {
  const ea = a.event;
  const eb = b.event;
  if (ea.organizerIsSelf !== eb.organizerIsSelf) return ea.organizerIsSelf ? -1 : 1;
  if (a.attendeeCount !== b.attendeeCount) return a.attendeeCount - b.attendeeCount;
  if (a.peopleTime !== b.peopleTime) return a.peopleTime ? -1 : 1;
  const answer = ANSWER_RANK[ea.selfResponse] - ANSWER_RANK[eb.selfResponse];
  if (answer !== 0) return answer;
  return a.created - b.created || a.start - b.start || (ea.providerEventId < eb.providerEventId ? -1 : ea.providerEventId > eb.providerEventId ? 1 : 0);
}

/**
 * The end (exclusive index) of the cluster of overlapping meetings that starts at `i`: meetings are sorted by start,
 * so a cluster is a run whose each meeting starts before the run so far ends.
 */
export function clusterEnd(meetings: readonly WeekMeeting[], i: number): number {
  let reach = meetings[i]!.clipEnd;
  let j = i + 1;
  while (j < meetings.length && meetings[j]!.clipStart < reach) {
    if (meetings[j]!.clipEnd > reach) reach = meetings[j]!.clipEnd;
    j++;
  }
  return j;
}

/** Scratch list of meeting indexes, reused: the analysis is synchronous. */
const order: number[] = [];
const kept: number[] = [];
let sorting: readonly WeekMeeting[] = [];
const byKeepOrder = (a: number, b: number): number => keepOrder(sorting[a]!, sorting[b]!);

/**
 * Resolves the clash in `meetings[i..j)`: the best meeting is kept, every meeting overlapping a kept one gives way to
 * the best of those, and the rest are judged the same way in keep order. For each meeting `k` that gives way, writes the
 * index of the meeting to keep instead into `keepInstead[k - i]` (the others' entries are left as they were).
 */
export function resolveCluster(meetings: readonly WeekMeeting[], i: number, j: number, keepInstead: number[]): void {
  if (j - i === 2) {
    // The common clash: two meetings, one gives way.
    if (keepOrder(meetings[i]!, meetings[i + 1]!) <= 0) keepInstead[1] = i;
    else keepInstead[0] = i + 1;
    return;
  }
  order.length = 0;
  kept.length = 0;
  for (let k = i; k < j; k++) order.push(k);
  sorting = meetings;
  order.sort(byKeepOrder);
  for (let o = 0; o < order.length; o++) {
    const m = meetings[order[o]!]!;
    let winner = -1;
    for (let w = 0; w < kept.length; w++) {
      const k = meetings[kept[w]!]!;
      if (k.clipStart < m.clipEnd && m.clipStart < k.clipEnd) {
        winner = kept[w]!;
        break;
      }
    }
    if (winner < 0) kept.push(order[o]!);
    else keepInstead[order[o]! - i] = winner;
  }
}
