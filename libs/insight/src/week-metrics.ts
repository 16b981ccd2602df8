// Computes one week's meeting, focus, fragmentation, notice and ledartid metrics from the sorted week events.
import type { BookedLedartidBlock, WeekMetrics } from '@ledarsteg/contracts';
import { MS_PER_MINUTE, parseInstant } from './instant.js';
import {
  type IntervalSet,
  intersectSets,
  subtractSets,
  totalLength,
  unionOf,
  unionSorted,
} from './interval-set.js';
import {
  BACK_TO_BACK_MAX_GAP_MINUTES,
  BACK_TO_BACK_MIN_MEETINGS,
  FOCUS_BLOCK_MIN_MINUTES,
  FRAGMENT_MAX_MINUTES,
  LARGE_MEETING_MIN_PEOPLE,
  LONG_MEETING_OVER_MINUTES,
  NOTICE_BUCKET_HOURS,
  ONE_TO_ONE_ATTENDEES,
} from './rules/metric-rules.js';
import type { WeekEvents, WeekMeeting } from './week-events.js';
import type { WorkingWeek } from './working-week.js';

const HOUR = 60 * MS_PER_MINUTE;

const minutes = (ms: number): number => Math.round((ms / MS_PER_MINUTE) * 100) / 100;

/** Union of the clipped intervals of the meetings that pass `keep` (meetings are sorted by start). */
function unionWhere(meetings: WeekMeeting[], keep: (m: WeekMeeting) => boolean): IntervalSet {
  const starts: number[] = [];
  const ends: number[] = [];
  for (const m of meetings) {
    if (keep(m)) {
      starts.push(m.clipStart);
      ends.push(m.clipEnd);
    }
  }
  return unionSorted(starts, ends);
}

/** Time covered by two or more meetings. Exact because meetings are sorted by start. */
export function doubleBookedTime(meetings: WeekMeeting[]): IntervalSet {
  const starts: number[] = [];
  const ends: number[] = [];
  let reach = Number.NEGATIVE_INFINITY;
  for (const m of meetings) {
    if (m.clipStart < reach) {
      starts.push(m.clipStart);
      ends.push(Math.min(m.clipEnd, reach));
    }
    if (m.clipEnd > reach) reach = m.clipEnd;
  }
  return unionSorted(starts, ends);
}

/** Free gaps in the working windows (lunch excluded): long ones are focus, short ones between busy time are fragments. */
function focusAndFragments(work: WorkingWeek, breakers: IntervalSet): { focus: number; fragmented: number } {
  let focus = 0;
  let fragmented = 0;
  for (let w = 0; w < work.workNoLunch.length; w += 2) {
    const windowStart = work.workNoLunch[w]!;
    const windowEnd = work.workNoLunch[w + 1]!;
    const gaps = subtractSets([windowStart, windowEnd], intersectSets(breakers, [windowStart, windowEnd]));
    for (let g = 0; g < gaps.length; g += 2) {
      const length = gaps[g + 1]! - gaps[g]!;
      if (length >= FOCUS_BLOCK_MIN_MINUTES * MS_PER_MINUTE) focus += length;
      else if (length < FRAGMENT_MAX_MINUTES * MS_PER_MINUTE && gaps[g]! > windowStart && gaps[g + 1]! < windowEnd) {
        fragmented += length;
      }
    }
  }
  return { focus, fragmented };
}

/** Runs of ≥ 3 meetings, each starting less than 5 minutes after the run so far ends. */
function backToBack(meetings: WeekMeeting[]): { chains: number; minutes: number } {
  let chains = 0;
  let total = 0;
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
      const chain = meetings.slice(i, j);
      total += totalLength(unionWhere(chain, () => true));
    }
    i = j;
  }
  return { chains, minutes: total };
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

export function computeWeekMetrics(
  events: WeekEvents,
  work: WorkingWeek,
  bookedBlocks?: BookedLedartidBlock[],
): WeekMetrics {
  const { meetings, meetingTime } = events;
  const meetingMs = totalLength(meetingTime);
  const recurringMs = totalLength(unionWhere(meetings, (m) => m.event.seriesId !== undefined));
  const longOnes = meetings.filter((m) => m.end - m.start > LONG_MEETING_OVER_MINUTES * MS_PER_MINUTE);
  const { focus, fragmented } = focusAndFragments(work, events.focusBreakers);
  const chains = backToBack(meetings);
  const notice = (m: WeekMeeting): number => m.start - m.created;
  const ledartid = ledartidMetrics(events, work, bookedBlocks);
  // After-hours is meeting time outside the working windows; lunch is inside working hours.
  const insideWork = intersectSets(meetingTime, work.work);
  return {
    week: work.week,
    workingMinutes: minutes(totalLength(work.workNoLunch)),
    meetingMinutes: minutes(meetingMs),
    meetingCount: meetings.length,
    doubleBookedMinutes: minutes(totalLength(doubleBookedTime(meetings))),
    oneToOneMinutes: minutes(totalLength(unionWhere(meetings, (m) => m.event.attendeeCount === ONE_TO_ONE_ATTENDEES))),
    largeMeetingMinutes: minutes(
      totalLength(unionWhere(meetings, (m) => m.event.attendeeCount >= LARGE_MEETING_MIN_PEOPLE)),
    ),
    longMeetings: { count: longOnes.length, minutes: minutes(totalLength(unionWhere(longOnes, () => true))) },
    recurringShare: meetingMs === 0 ? 0 : Math.round((recurringMs / meetingMs) * 10_000) / 10_000,
    focusMinutes: minutes(focus),
    fragmentedMinutes: minutes(fragmented),
    backToBack: { chains: chains.chains, minutes: minutes(chains.minutes) },
    afterHoursMinutes: minutes(meetingMs - totalLength(insideWork)),
    notice: {
      upTo6h: minutes(totalLength(unionWhere(meetings, (m) => notice(m) <= NOTICE_BUCKET_HOURS.upTo6h * HOUR))),
      from6to12h: minutes(
        totalLength(
          unionWhere(meetings, (m) => notice(m) > NOTICE_BUCKET_HOURS.upTo6h * HOUR && notice(m) <= NOTICE_BUCKET_HOURS.from6to12h * HOUR),
        ),
      ),
      from12to24h: minutes(
        totalLength(
          unionWhere(
            meetings,
            (m) => notice(m) > NOTICE_BUCKET_HOURS.from6to12h * HOUR && notice(m) <= NOTICE_BUCKET_HOURS.from12to24h * HOUR,
          ),
        ),
      ),
      over24h: minutes(totalLength(unionWhere(meetings, (m) => notice(m) > NOTICE_BUCKET_HOURS.from12to24h * HOUR))),
    },
    ledartid: {
      bookedMinutes: minutes(ledartid.booked),
      keptMinutes: minutes(ledartid.kept),
      overwrittenMinutes: minutes(ledartid.overwritten),
      movedBlocks: ledartid.moved,
      removedBlocks: ledartid.removed,
    },
  };
}
