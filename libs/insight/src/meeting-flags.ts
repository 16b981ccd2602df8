// Applies the flag rules to every meeting of the week: one flag per meeting, all its reasons, the strongest action.
import type { CalendarEvent, FlagAction, FlagReason, MeetingFlag } from '@ledarsteg/contracts';
import { clusterEnd, resolveCluster } from './double-bookings.js';
import { MS_PER_MINUTE } from './instant.js';
import { type IntervalSet, coveredLength, overlapsSet, unionOf, unionSorted } from './interval-set.js';
import {
  ACTION_STRENGTH,
  FLAG_RULES,
  type FlagFacts,
  MAKE_LESS_FREQUENT_KEEP_SHARE,
  freesWholeMeeting,
  minutesAfter,
} from './rules/flag-rules.js';
import type { WeekEvents, WeekMeeting } from './week-events.js';
import type { WorkingWeek } from './working-week.js';

/** A flag with the epoch-ms times the slot finder needs for trade-offs. */
export type MeetingFlagWithTimes = {
  flag: MeetingFlag;
  event: CalendarEvent;
  meeting: WeekMeeting;
  start: number;
  end: number;
  primaryReason: FlagReason;
};

/** Fills `facts` (one object reused for every meeting: the rules only read it while that meeting is judged). */
function factsOf(facts: FlagFacts, m: WeekMeeting, work: WorkingWeek, losesClash: boolean, ledartid: IntervalSet): FlagFacts {
  const e = m.event;
  facts.durationMinutes = (m.end - m.start) / MS_PER_MINUTE;
  facts.attendeeCount = m.attendeeCount;
  facts.recurring = m.recurring;
  facts.hasDescription = e.hasDescription;
  facts.organizerIsSelf = e.organizerIsSelf;
  facts.selfOptional = e.selfOptional;
  facts.selfResponse = e.selfResponse;
  facts.noticeHours = (m.start - m.created) / (60 * MS_PER_MINUTE);
  const clipped = m.clipEnd - m.clipStart;
  facts.afterHoursShare = clipped <= 0 ? 0 : 1 - coveredLength(work.work, m.clipStart, m.clipEnd) / clipped;
  facts.doubleBooked = losesClash;
  facts.overlapsLedartid = ledartid.length > 0 && overlapsSet(ledartid, m.clipStart, m.clipEnd);
  facts.peopleTime = m.peopleTime;
  return facts;
}

function emptyFacts(): FlagFacts {
  return {
    durationMinutes: 0,
    attendeeCount: 0,
    recurring: false,
    hasDescription: false,
    organizerIsSelf: false,
    selfOptional: false,
    selfResponse: 'accepted',
    noticeHours: 0,
    afterHoursShare: 0,
    doubleBooked: false,
    overlapsLedartid: false,
    peopleTime: false,
  };
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Where the stretch an action frees begins: the meeting's start, a shortened meeting's new end, or its end (nothing). */
function freedFrom(m: WeekMeeting, action: FlagAction, toMinutes: number): number {
  if (action === 'shorten') return Math.min(m.clipEnd, Math.max(m.clipStart, m.start + toMinutes * MS_PER_MINUTE));
  return freesWholeMeeting(action) || action === 'make_less_frequent' ? m.clipStart : m.clipEnd;
}

/** A series met less often is away on the skipped occurrences: its freed time counts at the skipped share. */
const shareBack = (action: FlagAction): number => (action === 'make_less_frequent' ? 1 - MAKE_LESS_FREQUENT_KEEP_SHARE : 1);

/**
 * Minutes each flag in the cluster `meetings[i..j)` gives back, counted once. An action frees part of a meeting (all
 * of it, or a shortened meeting's tail); time still held by a meeting the leader keeps, or already freed by an earlier
 * flag, is not counted again, so a double booking gives its overlap back once and the flags' minutes never add up to
 * more than the meetings. Meetings in different clusters do not overlap, so each cluster is counted on its own.
 * `flags[from..]` are the cluster's flags, in meeting order. (Lists here are local: scratch lists kept between calls
 * would hold young objects in old ones, which costs more than making new small lists.)
 */
function countClusterMinutesBack(meetings: readonly WeekMeeting[], i: number, j: number, flags: readonly MeetingFlagWithTimes[], from: number): void {
  const freed: Array<{ flag: MeetingFlag; m: WeekMeeting; start: number }> = [];
  const keptStarts: number[] = [];
  const keptEnds: number[] = [];
  let f = from;
  for (let k = i; k < j; k++) {
    const m = meetings[k]!;
    const flag = f < flags.length && flags[f]!.meeting === m ? flags[f++]!.flag : undefined;
    const keptUntil = flag === undefined ? m.clipEnd : freedFrom(m, flag.action, flag.suggestion.toMinutes);
    // What stays busy: every meeting not wholly freed (a shortened one keeps its head), in start order.
    if (keptUntil > m.clipStart) {
      keptStarts.push(m.clipStart);
      keptEnds.push(keptUntil);
    }
    if (flag !== undefined && keptUntil < m.clipEnd) freed.push({ flag, m, start: keptUntil });
  }
  // Nothing freed (flags that only ask for an agenda, or move): every minute back is already 0.
  if (freed.length === 0) return;
  const kept = unionSorted(keptStarts, keptEnds);
  // Freed stretches by their start; each counts only beyond the reach of those before it.
  if (freed.length > 1) freed.sort((a, b) => a.start - b.start);
  let reach = Number.NEGATIVE_INFINITY;
  for (let o = 0; o < freed.length; o++) {
    const { flag, m, start: freedStart } = freed[o]!;
    const start = Math.max(freedStart, reach);
    const ms = start < m.clipEnd ? m.clipEnd - start - coveredLength(kept, start, m.clipEnd) : 0;
    flag.minutesBack = round2((ms / MS_PER_MINUTE) * shareBack(flag.action));
    if (m.clipEnd > reach) reach = m.clipEnd;
  }
}

/** Meetings that give way in a clash → the meeting to keep instead (−1: none); numbers only, so reusing it is cheap. */
const keepInstead: number[] = [];

/**
 * Every meeting of the week that breaks a rule, in meeting order, with all its reasons and the strongest action.
 * Judged once per week, working week and `now`: analyseWeek and proposeLedartid of the same week share the result,
 * so it is read-only.
 */
export function flagMeetings(events: WeekEvents, work: WorkingWeek, now: number): MeetingFlagWithTimes[] {
  const cached = events.flagged;
  if (cached !== undefined && cached.work === work && cached.now === now) return cached.flags as MeetingFlagWithTimes[];
  const flags = judgeMeetings(events, work, now);
  events.flagged = { work, now, flags };
  return flags;
}

function judgeMeetings(events: WeekEvents, work: WorkingWeek, now: number): MeetingFlagWithTimes[] {
  const ledartid = events.ledartid.length === 0 ? [] : unionOf(events.ledartid.map((b) => [b.start, b.end] as const));
  const meetings = events.meetings;
  const flags: MeetingFlagWithTimes[] = [];
  const facts = emptyFacts();
  let i = 0;
  while (i < meetings.length) {
    const j = clusterEnd(meetings, i);
    const clash = j - i > 1;
    if (clash) {
      for (let k = i; k < j; k++) keepInstead[k - i] = -1;
      resolveCluster(meetings, i, j, keepInstead);
    }
    const firstFlag = flags.length;
    for (let k = i; k < j; k++) {
      const m = meetings[k]!;
      const keep = clash ? keepInstead[k - i]! : -1;
      const flagged = flagMeeting(facts, m, work, keep < 0 ? undefined : meetings[keep]!, ledartid, now);
      if (flagged !== undefined) flags.push(flagged);
    }
    if (clash && flags.length > firstFlag) countClusterMinutesBack(meetings, i, j, flags, firstFlag);
    i = j;
  }
  return flags;
}

/** One meeting judged by every rule; undefined when it breaks none. */
function flagMeeting(
  facts: FlagFacts,
  m: WeekMeeting,
  work: WorkingWeek,
  keepInstead: WeekMeeting | undefined,
  ledartid: IntervalSet,
  now: number,
): MeetingFlagWithTimes | undefined {
  factsOf(facts, m, work, keepInstead !== undefined, ledartid);
  let reasons: FlagReason[] | undefined;
  let action: FlagAction | undefined;
  let primaryReason: FlagReason | undefined;
  for (let r = 0; r < FLAG_RULES.length; r++) {
    const rule = FLAG_RULES[r]!;
    if (!rule.applies(facts)) continue;
    if (reasons === undefined) reasons = [rule.reason];
    else reasons.push(rule.reason);
    const proposed = rule.action(facts);
    if (action === undefined || ACTION_STRENGTH[proposed] > ACTION_STRENGTH[action]) {
      action = proposed;
      primaryReason = rule.reason;
    }
  }
  if (reasons === undefined || action === undefined || primaryReason === undefined) return undefined;
  // Strongest reason first, then the rest in rule order (each rule has its own reason).
  const primaryAt = reasons.indexOf(primaryReason);
  if (primaryAt > 0) {
    reasons.splice(primaryAt, 1);
    reasons.unshift(primaryReason);
  }
  const fromMinutes = facts.durationMinutes;
  const toMinutes = minutesAfter(action, fromMinutes);
  const flag: MeetingFlag = {
    providerEventId: m.event.providerEventId,
    start: m.event.start,
    end: m.event.end,
    reasons,
    action,
    suggestion: { fromMinutes, toMinutes },
    // Alone in its cluster, a meeting overlaps nothing: what the action frees of its time in the week comes back.
    minutesBack: round2(((m.clipEnd - freedFrom(m, action, toMinutes)) / MS_PER_MINUTE) * shareBack(action)),
    upcoming: m.start >= now,
    // Always present (not only when true): every flag then has the same few shapes, which keeps reading them fast.
    organiser: m.event.organizerIsSelf,
    peopleTime: m.peopleTime,
  };
  if (m.event.seriesId !== undefined) flag.seriesId = m.event.seriesId;
  if (keepInstead !== undefined) flag.keepInstead = keepInstead.event.providerEventId;
  return { flag, event: m.event, meeting: m, start: m.start, end: m.end, primaryReason };
}
