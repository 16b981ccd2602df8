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
 * For every meeting that should give way in a clash, the meeting to keep instead. Meetings that overlap form clusters;
 * within one, the best meeting is kept, every meeting overlapping a kept one gives way to the best of those it
 * overlaps, and the rest are judged the same way in order. Undefined when nothing clashes (the common week).
 */
export function resolveClashes(meetings: readonly WeekMeeting[]): Map<WeekMeeting, WeekMeeting> | undefined {
  let result: Map<WeekMeeting, WeekMeeting> | undefined;
  let i = 0;
  while (i < meetings.length) {
    let reach = meetings[i]!.clipEnd;
    let j = i + 1;
    while (j < meetings.length && meetings[j]!.clipStart < reach) {
      if (meetings[j]!.clipEnd > reach) reach = meetings[j]!.clipEnd;
      j++;
    }
    if (j - i > 1) {
      const cluster = meetings.slice(i, j).sort(keepOrder);
      const kept: WeekMeeting[] = [];
      for (const m of cluster) {
        // `kept` is in keep order, so the first overlap found is the best meeting to keep instead.
        const winner = kept.find((k) => k.clipStart < m.clipEnd && m.clipStart < k.clipEnd);
        if (winner === undefined) kept.push(m);
        else {
          result ??= new Map();
          result.set(m, winner);
        }
      }
    }
    i = j;
  }
  return result;
}
