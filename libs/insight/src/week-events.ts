// Sorts a week's events into what they are for the leader: meetings, protected focus, other busy time, ledartid.
import type { CalendarEvent } from '@ledarsteg/contracts';
import { MS_PER_DAY } from './instant.js';
import type { ParsedTimes } from './input-validation.js';
import { type IntervalSet, unionSorted } from './interval-set.js';
import { MEETING_MIN_ATTENDEES } from './rules/metric-rules.js';

/** A meeting of the week; `start`/`end` are the event's own, `clipStart`/`clipEnd` are cut to the week. */
export type WeekMeeting = {
  event: CalendarEvent;
  start: number;
  end: number;
  clipStart: number;
  clipEnd: number;
  created: number;
};

export type LedartidEvent = { blockId: string; start: number; end: number };

export type WeekEvents = {
  /** Meetings touching the week, sorted by start. */
  meetings: WeekMeeting[];
  /** Union of meeting time inside the week. */
  meetingTime: IntervalSet;
  /** Busy time that breaks focus (meetings, out of office, solo busy events) inside the week. */
  focusBreakers: IntervalSet;
  /** Everything that blocks a new ledartid block, around the week. */
  blocking: IntervalSet;
  /** Ledartid blocks found in the calendar, touching the week. */
  ledartid: LedartidEvent[];
};

/**
 * Time-blocking means: not cancelled, not declined by the leader, and busy (shown as anything but free)
 * or out of office. Among those, a meeting has another person, is a timed event, and is neither out of office,
 * a focus-time or working-location entry, nor a ledartid block. Ledartid and focus-time blocks protect focus;
 * any other blocking event (a solo appointment, an out-of-office day, a busy all-day event) breaks it.
 */
export function isOutOfOffice(e: CalendarEvent): boolean {
  return e.kind === 'outOfOffice' || e.showAs === 'oof';
}

export function blocksTime(e: CalendarEvent): boolean {
  if (e.status === 'cancelled' || e.selfResponse === 'declined') return false;
  return isOutOfOffice(e) || (e.busy && e.showAs !== 'free');
}

export function isMeeting(e: CalendarEvent): boolean {
  return (
    blocksTime(e) &&
    !isOutOfOffice(e) &&
    !e.allDay &&
    e.ledartidBlockId === undefined &&
    e.kind !== 'focusTime' &&
    e.kind !== 'workingLocation' &&
    e.attendeeCount >= MEETING_MIN_ATTENDEES
  );
}

function protectsFocus(e: CalendarEvent): boolean {
  return e.ledartidBlockId !== undefined || e.kind === 'focusTime';
}

export function weekEvents(events: CalendarEvent[], times: ParsedTimes, weekStart: number, weekEnd: number): WeekEvents {
  const meetings: WeekMeeting[] = [];
  const ledartid: LedartidEvent[] = [];
  const breakerStarts: number[] = [];
  const breakerEnds: number[] = [];
  const blockStarts: number[] = [];
  const blockEnds: number[] = [];
  // Blocking time is kept a day beyond the week so buffers at the week's edges still see it.
  const marginStart = weekStart - MS_PER_DAY;
  const marginEnd = weekEnd + MS_PER_DAY;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const start = times.start[i]!;
    const end = times.end[i]!;
    if (end <= marginStart || start >= marginEnd || end <= start || !blocksTime(e)) continue;
    blockStarts.push(start);
    blockEnds.push(end);
    if (end <= weekStart || start >= weekEnd) continue;
    const clipStart = Math.max(start, weekStart);
    const clipEnd = Math.min(end, weekEnd);
    if (e.ledartidBlockId !== undefined) ledartid.push({ blockId: e.ledartidBlockId, start, end });
    if (isMeeting(e)) {
      meetings.push({ event: e, start, end, clipStart, clipEnd, created: times.created[i]! });
    }
    if (!protectsFocus(e)) {
      breakerStarts.push(clipStart);
      breakerEnds.push(clipEnd);
    }
  }
  meetings.sort((a, b) => a.start - b.start || a.end - b.end);
  return {
    meetings,
    meetingTime: unionSorted(
      meetings.map((m) => m.clipStart),
      meetings.map((m) => m.clipEnd),
    ),
    focusBreakers: sortedUnion(breakerStarts, breakerEnds),
    blocking: sortedUnion(blockStarts, blockEnds),
    ledartid: ledartid.sort((a, b) => a.start - b.start),
  };
}

function sortedUnion(starts: number[], ends: number[]): IntervalSet {
  const order = starts.map((_, i) => i).sort((a, b) => starts[a]! - starts[b]!);
  return unionSorted(
    order.map((i) => starts[i]!),
    order.map((i) => ends[i]!),
  );
}
