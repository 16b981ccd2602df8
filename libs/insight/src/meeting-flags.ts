// Applies the flag rules to every meeting of the week: one flag per meeting, all its reasons, the strongest action.
import type { CalendarEvent, FlagAction, FlagReason, MeetingFlag } from '@ledarsteg/contracts';
import { resolveClashes } from './double-bookings.js';
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
import { wordsOf } from './words/flag-words.js';
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

/**
 * Minutes each flag gives back, counted once. An action frees part of a meeting (all of it, or a shortened meeting's
 * tail); time still held by a meeting the leader keeps, or already freed by an earlier flag, is not counted again,
 * so a double booking gives its overlap back once and the flags' minutes never add up to more than the meetings.
 */
function countMinutesBack(flagged: MeetingFlagWithTimes[], meetings: WeekMeeting[], wholeFreed: ReadonlySet<WeekMeeting>): void {
  if (flagged.length === 0) return;
  // What stays busy: every meeting not wholly freed (a shortened one keeps its head), in start order.
  const keptStarts: number[] = [];
  const keptEnds: number[] = [];
  const shortenedEnd = new Map<WeekMeeting, number>();
  // A series met less often is away on the skipped occurrences: its time counts as freed (at the skipped share).
  const lessFrequent = new Set<WeekMeeting>();
  for (const f of flagged) {
    if (f.flag.action === 'shorten') shortenedEnd.set(f.meeting, f.meeting.start + f.flag.suggestion.toMinutes * MS_PER_MINUTE);
    if (f.flag.action === 'make_less_frequent') lessFrequent.add(f.meeting);
  }
  for (let k = 0; k < meetings.length; k++) {
    const m = meetings[k]!;
    if (wholeFreed.has(m) || lessFrequent.has(m)) continue;
    const end = Math.min(m.clipEnd, shortenedEnd.get(m) ?? m.clipEnd);
    if (end > m.clipStart) {
      keptStarts.push(m.clipStart);
      keptEnds.push(end);
    }
  }
  const kept = unionSorted(keptStarts, keptEnds);
  // Freed stretches in order of start; each counts only beyond the reach of those before it.
  const freed: Array<{ f: MeetingFlagWithTimes; from: number; to: number }> = [];
  for (const f of flagged) {
    const m = f.meeting;
    const action = f.flag.action;
    if (freesWholeMeeting(action) || action === 'make_less_frequent') freed.push({ f, from: m.clipStart, to: m.clipEnd });
    else if (action === 'shorten') freed.push({ f, from: Math.max(m.clipStart, shortenedEnd.get(m)!), to: m.clipEnd });
    else f.flag.minutesBack = 0;
  }
  freed.sort((a, b) => a.from - b.from || a.to - b.to);
  let reach = Number.NEGATIVE_INFINITY;
  for (const { f, from, to } of freed) {
    const start = Math.max(from, reach);
    const ms = start < to ? to - start - coveredLength(kept, start, to) : 0;
    const share = f.flag.action === 'make_less_frequent' ? 1 - MAKE_LESS_FREQUENT_KEEP_SHARE : 1;
    f.flag.minutesBack = round2((ms / MS_PER_MINUTE) * share);
    if (to > reach) reach = to;
  }
}

/** Every meeting of the week that breaks a rule, in meeting order, with all its reasons and the strongest action. */
export function flagMeetings(events: WeekEvents, work: WorkingWeek, now: number): MeetingFlagWithTimes[] {
  const ledartid = events.ledartid.length === 0 ? [] : unionOf(events.ledartid.map((b) => [b.start, b.end] as const));
  const meetings = events.meetings;
  const clashes = resolveClashes(meetings);
  const flags: MeetingFlagWithTimes[] = [];
  const wholeFreed = new Set<WeekMeeting>();
  const facts = emptyFacts();
  for (let k = 0; k < meetings.length; k++) {
    const m = meetings[k]!;
    const keepInstead = clashes?.get(m);
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
    if (reasons === undefined || action === undefined || primaryReason === undefined) continue;
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
      minutesBack: fromMinutes - toMinutes,
      upcoming: m.start >= now,
    };
    if (m.event.seriesId !== undefined) flag.seriesId = m.event.seriesId;
    if (m.event.organizerIsSelf) flag.organiser = true;
    if (m.peopleTime) flag.peopleTime = true;
    if (keepInstead !== undefined) flag.keepInstead = keepInstead.event.providerEventId;
    if (freesWholeMeeting(action)) wholeFreed.add(m);
    flags.push({ flag, event: m.event, meeting: m, start: m.start, end: m.end, primaryReason });
  }
  countMinutesBack(flags, meetings, wholeFreed);
  for (let f = 0; f < flags.length; f++) flags[f]!.flag.words = wordsOf(flags[f]!.flag);
  return flags;
}
