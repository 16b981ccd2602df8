// Computes one week's meeting, focus, fragmentation, notice and ledartid metrics from the sorted week events.
import type { BookedLedartidBlock, WeekMetrics } from '@ledarsteg/contracts';
import { MS_PER_MINUTE, parseInstant } from './instant.js';
import { type IntervalSet, intersectSets, subtractSets, totalLength, unionOf } from './interval-set.js';
import {
  BACK_TO_BACK_MAX_GAP_MINUTES,
  BACK_TO_BACK_MIN_MEETINGS,
  FOCUS_BLOCK_MIN_MINUTES,
  FRAGMENTED_DAY_MIN_MINUTES,
  FRAGMENT_MAX_MINUTES,
  LARGE_MEETING_MIN_PEOPLE,
  LONG_MEETING_OVER_MINUTES,
  NOTICE_BUCKET_HOURS,
  ONE_TO_ONE_ATTENDEES,
} from './rules/metric-rules.js';
import { UnionLength } from './union-length.js';
import type { WeekEvents, WeekMeeting } from './week-events.js';
import type { WorkingWeek } from './working-week.js';

const HOUR = 60 * MS_PER_MINUTE;

const minutes = (ms: number): number => Math.round((ms / MS_PER_MINUTE) * 100) / 100;

/**
 * Free gaps in the working windows (lunch excluded): long ones are focus, short ones between busy time are fragments.
 * One sweep over the sorted focus breakers, day by day; a breaker may reach into the next window, so the sweep starts
 * each window at the first breaker still running.
 */
function focusAndFragments(work: WorkingWeek, breakers: IntervalSet): { focus: number; fragmented: number; fragmentedDays: number } {
  const totals = { focus: 0, fragmented: 0, fragmentedDays: 0 };
  let first = 0;
  for (let d = 0; d < work.days.length; d++) {
    const windows = work.days[d]!.workNoLunch;
    const fragmentedBefore = totals.fragmented;
    for (let w = 0; w < windows.length; w += 2) {
      const windowStart = windows[w]!;
      const windowEnd = windows[w + 1]!;
      while (first < breakers.length && breakers[first + 1]! <= windowStart) first += 2;
      let free = windowStart;
      for (let b = first; b < breakers.length && breakers[b]! < windowEnd; b += 2) {
        const busyStart = breakers[b]!;
        if (busyStart > free) countGap(totals, free, busyStart, windowStart, windowEnd);
        if (breakers[b + 1]! > free) free = breakers[b + 1]!;
        if (free >= windowEnd) break;
      }
      if (free < windowEnd) countGap(totals, free, windowEnd, windowStart, windowEnd);
    }
    if (totals.fragmented - fragmentedBefore >= FRAGMENTED_DAY_MIN_MINUTES * MS_PER_MINUTE) totals.fragmentedDays++;
  }
  return totals;
}

/** A long gap is focus; a short one with busy time on both sides (not at a window's edge) is fragmented. */
function countGap(totals: { focus: number; fragmented: number }, gapStart: number, gapEnd: number, windowStart: number, windowEnd: number): void {
  const length = gapEnd - gapStart;
  if (length >= FOCUS_BLOCK_MIN_MINUTES * MS_PER_MINUTE) totals.focus += length;
  else if (length < FRAGMENT_MAX_MINUTES * MS_PER_MINUTE && gapStart > windowStart && gapEnd < windowEnd) {
    totals.fragmented += length;
  }
}

/** Runs of ≥ 3 meetings, each starting less than 5 minutes after the run so far ends. */
function backToBack(meetings: WeekMeeting[]): { chains: number; minutes: number; longest: number } {
  let chains = 0;
  let total = 0;
  let longest = 0;
  let i = 0;
  while (i < meetings.length) {
    let reach = meetings[i]!.clipEnd;
    let j = i + 1;
    while (j < meetings.length && meetings[j]!.clipStart - reach < BACK_TO_BACK_MAX_GAP_MINUTES * MS_PER_MINUTE) {
      if (meetings[j]!.clipEnd > reach) reach = meetings[j]!.clipEnd;
      j++;
    }
    if (j - i >= BACK_TO_BACK_MIN_MEETINGS) {
      chains++;
      const chain = new UnionLength();
      for (let k = i; k < j; k++) chain.add(meetings[k]!.clipStart, meetings[k]!.clipEnd);
      total += chain.total;
      if (chain.total > longest) longest = chain.total;
    }
    i = j;
  }
  return { chains, minutes: total, longest };
}

/**
 * Ledartid kept and overwritten. Without a booking history, "booked" is what the calendar holds and overwritten
 * is the part meetings cover. With `bookedBlocks` (what LedarSteg booked), booked is their time; kept is the part
 * still in the calendar under the same block id at the same time and free of meetings; the rest (moved, deleted
 * or covered) is overwritten.
 */
function ledartidMetrics(events: WeekEvents, work: WorkingWeek, booked: BookedLedartidBlock[] | undefined) {
  const clip: IntervalSet = [work.start, work.end];
  if (booked === undefined) {
    const held = intersectSets(unionOf(events.ledartid.map((b) => [b.start, b.end] as const)), clip);
    const overwritten = intersectSets(held, events.meetingTime);
    const bookedMs = totalLength(held);
    const overwrittenMs = totalLength(overwritten);
    return { booked: bookedMs, kept: bookedMs - overwrittenMs, overwritten: overwrittenMs, moved: 0, removed: 0 };
  }
  let moved = 0;
  let removed = 0;
  const bookedPairs: Array<readonly [number, number]> = [];
  const stillTherePairs: Array<readonly [number, number]> = [];
  for (const block of booked) {
    const start = parseInstant(block.start);
    const end = parseInstant(block.end);
    bookedPairs.push([start, end]);
    const inCalendar = events.ledartid.filter((e) => e.blockId === block.blockId);
    if (inCalendar.length === 0) removed++;
    else if (!inCalendar.some((e) => e.start === start && e.end === end)) moved++;
    else stillTherePairs.push([start, end]);
  }
  const bookedTime = intersectSets(unionOf(bookedPairs), clip);
  const keptTime = subtractSets(intersectSets(unionOf(stillTherePairs), clip), events.meetingTime);
  const bookedMs = totalLength(bookedTime);
  const keptMs = totalLength(keptTime);
  return { booked: bookedMs, kept: keptMs, overwritten: bookedMs - keptMs, moved, removed };
}

/** Meeting time by kind: each a union over the meetings of that kind, so overlapping meetings count once. */
function meetingTimeByKind(meetings: WeekMeeting[]) {
  const recurring = new UnionLength();
  const oneToOne = new UnionLength();
  const large = new UnionLength();
  const long = new UnionLength();
  const notice = [new UnionLength(), new UnionLength(), new UnionLength(), new UnionLength()] as const;
  let longCount = 0;
  for (let k = 0; k < meetings.length; k++) {
    const m = meetings[k]!;
    const s = m.clipStart;
    const e = m.clipEnd;
    if (m.recurring) recurring.add(s, e);
    if (m.attendeeCount === ONE_TO_ONE_ATTENDEES) oneToOne.add(s, e);
    if (m.attendeeCount >= LARGE_MEETING_MIN_PEOPLE) large.add(s, e);
    if (m.end - m.start > LONG_MEETING_OVER_MINUTES * MS_PER_MINUTE) {
      longCount++;
      long.add(s, e);
    }
    notice[noticeBucket(m.start - m.created)].add(s, e);
  }
  return { recurring, oneToOne, large, long, longCount, notice };
}

/** Meetings answered "maybe": how many, and the time they cover that no firm meeting already covers. */
function tentativeTime(events: WeekEvents, firmMs: number): { count: number; ms: number } {
  const count = events.meetings.length - events.firmMeetings.length;
  return { count, ms: count === 0 ? 0 : events.allMeetingMs - firmMs };
}

/** 0: up to 6 h, 1: 6–12 h, 2: 12–24 h, 3: over 24 h between creation and start. */
function noticeBucket(noticeMs: number): 0 | 1 | 2 | 3 {
  if (noticeMs <= NOTICE_BUCKET_HOURS.upTo6h * HOUR) return 0;
  if (noticeMs <= NOTICE_BUCKET_HOURS.from6to12h * HOUR) return 1;
  if (noticeMs <= NOTICE_BUCKET_HOURS.from12to24h * HOUR) return 2;
  return 3;
}

export function computeWeekMetrics(
  events: WeekEvents,
  work: WorkingWeek,
  bookedBlocks?: BookedLedartidBlock[],
): WeekMetrics {
  const { firmMeetings: meetings, meetingTime } = events;
  const meetingMs = totalLength(meetingTime);
  const tentative = tentativeTime(events, meetingMs);
  const byKind = meetingTimeByKind(meetings);
  const recurringMs = byKind.recurring.total;
  const { focus, fragmented, fragmentedDays } = focusAndFragments(work, events.focusBreakers);
  const chains = backToBack(meetings);
  const ledartid = ledartidMetrics(events, work, bookedBlocks);
  // After-hours is meeting time outside the working windows; lunch is inside working hours.
  const insideWork = intersectSets(meetingTime, work.work);
  return {
    week: work.week,
    workingMinutes: minutes(totalLength(work.workNoLunch)),
    meetingMinutes: minutes(meetingMs),
    meetingCount: meetings.length,
    doubleBookedMinutes: minutes(totalLength(events.doubleBooked)),
    oneToOneMinutes: minutes(byKind.oneToOne.total),
    largeMeetingMinutes: minutes(byKind.large.total),
    longMeetings: { count: byKind.longCount, minutes: minutes(byKind.long.total) },
    recurringShare: meetingMs === 0 ? 0 : Math.round((recurringMs / meetingMs) * 10_000) / 10_000,
    focusMinutes: minutes(focus),
    fragmentedMinutes: minutes(fragmented),
    backToBack: { chains: chains.chains, minutes: minutes(chains.minutes), longestMinutes: minutes(chains.longest) },
    fragmentedDays,
    afterHoursMinutes: minutes(meetingMs - totalLength(insideWork)),
    notice: {
      upTo6h: minutes(byKind.notice[0].total),
      from6to12h: minutes(byKind.notice[1].total),
      from12to24h: minutes(byKind.notice[2].total),
      over24h: minutes(byKind.notice[3].total),
    },
    ledartid: {
      bookedMinutes: minutes(ledartid.booked),
      keptMinutes: minutes(ledartid.kept),
      overwrittenMinutes: minutes(ledartid.overwritten),
      movedBlocks: ledartid.moved,
      removedBlocks: ledartid.removed,
    },
    tentative: { count: tentative.count, minutes: minutes(tentative.ms) },
  };
}
