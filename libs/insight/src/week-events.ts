// Sorts a week's events into what they are for the leader: meetings, protected focus, other busy time, ledartid.
import type { CalendarEvent } from '@ledarsteg/contracts';
import { MS_PER_DAY } from './instant.js';
import { type IntervalSet, unionSorted } from './interval-set.js';
import { isPeopleTime } from './people-time.js';
import type { PreparedEvents } from './prepared-events.js';
import { MEETING_MIN_ATTENDEES } from './rules/metric-rules.js';
import { UnionLength } from './union-length.js';

/** A meeting of the week; `start`/`end` are the event's own, `clipStart`/`clipEnd` are cut to the week. */
export type WeekMeeting = {
  event: CalendarEvent;
  start: number;
  end: number;
  clipStart: number;
  clipEnd: number;
  created: number;
  attendeeCount: number;
  recurring: boolean;
  /** The leader answered only "maybe": flagged like any meeting, but counted apart from meeting time. */
  tentative: boolean;
  /** Time with the leader's own people (see people-time). */
  peopleTime: boolean;
};

export type LedartidEvent = { blockId: string; start: number; end: number };

export type WeekEvents = {
  /** Meetings touching the week, sorted by start (tentative ones included). */
  meetings: WeekMeeting[];
  /** The meetings the leader has said yes to (or organises), sorted by start: what meeting time counts. */
  firmMeetings: WeekMeeting[];
  /** Union of firm meeting time inside the week. */
  meetingTime: IntervalSet;
  /** Time inside the week covered by two or more firm meetings. */
  doubleBooked: IntervalSet;
  /** Length of the union of all meetings' time inside the week, tentative ones included (ms). */
  allMeetingMs: number;
  /** Busy time that breaks focus (meetings, out of office, solo busy events) inside the week. */
  focusBreakers: IntervalSet;
  /** Everything that blocks a new ledartid block, around the week. */
  blocking: IntervalSet;
  /** Ledartid blocks found in the calendar, touching the week. */
  ledartid: LedartidEvent[];
  /**
   * The week's flags for one working week and `now` (see meeting-flags), kept so analyseWeek and proposeLedartid of
   * the same week judge the meetings once. Internal: a cache, read-only like the rest.
   */
  flagged?: { work: object; now: number; flags: unknown[] };
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

/** What an event is for the analysis, as bits: decided once per event when it is prepared, read every week. */
export const ROLE_BLOCKS_TIME = 1;
export const ROLE_MEETING = 2;
export const ROLE_BREAKS_FOCUS = 4;
export const ROLE_PEOPLE_TIME = 8;

export function eventRoles(events: readonly CalendarEvent[]): number[] {
  const roles: number[] = [];
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (!blocksTime(e)) {
      roles.push(0);
      continue;
    }
    const meeting = isMeeting(e);
    roles.push(
      ROLE_BLOCKS_TIME |
        (meeting ? ROLE_MEETING : 0) |
        (protectsFocus(e) ? 0 : ROLE_BREAKS_FOCUS) |
        (meeting && isPeopleTime(e) ? ROLE_PEOPLE_TIME : 0),
    );
  }
  return roles;
}

/**
 * Scratch start/end lists for the unions of one classification, reused from week to week: only the unions
 * themselves are new arrays. Classification is synchronous, so one set serves every call.
 */
class Scratch {
  // Plain arrays like every other interval list, so the union code sees one kind of array.
  starts: number[] = [];
  ends: number[] = [];
  count = 0;

  reset(): void {
    this.count = 0;
  }

  push(start: number, end: number): void {
    if (this.count < this.starts.length) {
      this.starts[this.count] = start;
      this.ends[this.count] = end;
    } else {
      this.starts.push(start);
      this.ends.push(end);
    }
    this.count++;
  }

  union(): IntervalSet {
    return unionSorted(this.starts, this.ends, this.count);
  }
}

const blockScratch = new Scratch();
const breakerScratch = new Scratch();
const meetingScratch = new Scratch();

/** Time covered by two or more meetings. Exact because meetings are sorted by start. */
function doubleBookedTime(meetings: WeekMeeting[], scratch: Scratch): IntervalSet {
  scratch.reset();
  let reach = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < meetings.length; k++) {
    const m = meetings[k]!;
    if (m.clipStart < reach) scratch.push(m.clipStart, Math.min(m.clipEnd, reach));
    if (m.clipEnd > reach) reach = m.clipEnd;
  }
  return scratch.union();
}

function classify(prepared: PreparedEvents, weekStart: number, weekEnd: number): WeekEvents {
  const { events, times, order, roles } = prepared;
  const meetings: WeekMeeting[] = [];
  const firmMeetings: WeekMeeting[] = [];
  // Meetings come in start order, so their union's length is summed as they come.
  const allMeetings = new UnionLength();
  let ledartid: Array<LedartidEvent & { index: number }> | undefined;
  const blocks = blockScratch;
  const breakers = breakerScratch;
  blocks.reset();
  breakers.reset();
  // Blocking time is kept a day beyond the week so buffers at the week's edges still see it.
  const marginStart = weekStart - MS_PER_DAY;
  const marginEnd = weekEnd + MS_PER_DAY;
  // Walking the events by start (then end) makes every list below come out sorted, with no sort per week.
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const start = times.start[i]!;
    if (start >= marginEnd) break;
    const end = times.end[i]!;
    const role = roles[i]!;
    if (end <= marginStart || end <= start || (role & ROLE_BLOCKS_TIME) === 0) continue;
    blocks.push(start, end);
    if (end <= weekStart || start >= weekEnd) continue;
    const clipStart = Math.max(start, weekStart);
    const clipEnd = Math.min(end, weekEnd);
    const e = events[i]!;
    if (e.ledartidBlockId !== undefined) {
      ledartid ??= [];
      ledartid.push({ blockId: e.ledartidBlockId, start, end, index: i });
    }
    if ((role & ROLE_MEETING) !== 0) {
      const recurring = e.seriesId !== undefined;
      const tentative = e.selfResponse === 'tentative' && !e.organizerIsSelf;
      const peopleTime = (role & ROLE_PEOPLE_TIME) !== 0;
      const meeting: WeekMeeting = {
        event: e,
        start,
        end,
        clipStart,
        clipEnd,
        created: times.created[i]!,
        attendeeCount: e.attendeeCount,
        recurring,
        tentative,
        peopleTime,
      };
      meetings.push(meeting);
      allMeetings.add(clipStart, clipEnd);
      if (!tentative) firmMeetings.push(meeting);
    }
    if ((role & ROLE_BREAKS_FOCUS) !== 0) breakers.push(clipStart, clipEnd);
  }
  // Ledartid blocks keep calendar order among equal starts: a later copy of a block id wins where ids repeat.
  ledartid?.sort((a, b) => a.start - b.start || a.index - b.index);
  const meetingClips = meetingScratch;
  meetingClips.reset();
  for (let m = 0; m < firmMeetings.length; m++) meetingClips.push(firmMeetings[m]!.clipStart, firmMeetings[m]!.clipEnd);
  const meetingTime = meetingClips.union();
  return {
    meetings,
    firmMeetings,
    meetingTime,
    doubleBooked: doubleBookedTime(firmMeetings, meetingClips),
    allMeetingMs: allMeetings.total,
    focusBreakers: breakers.union(),
    blocking: blocks.union(),
    ledartid: ledartid === undefined ? [] : ledartid.map((b) => ({ blockId: b.blockId, start: b.start, end: b.end })),
  };
}

/** The week's events, classified and sorted; read-only, since analyseWeek and proposeLedartid of the same week share it. */
export function weekEvents(prepared: PreparedEvents, weekStart: number, weekEnd: number): WeekEvents {
  const cached = prepared.lastWeek;
  if (cached !== undefined && cached.start === weekStart && cached.end === weekEnd) return cached.events;
  const events = classify(prepared, weekStart, weekEnd);
  prepared.lastWeek = { start: weekStart, end: weekEnd, events };
  return events;
}
