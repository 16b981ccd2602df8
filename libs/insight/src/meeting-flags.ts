// Applies the flag rules to every meeting of the week: one flag per meeting, all its reasons, the strongest action.
import type { CalendarEvent, FlagAction, FlagReason, MeetingFlag } from '@ledarsteg/contracts';
import { MS_PER_MINUTE } from './instant.js';
import { type IntervalSet, coveredLength, overlapsSet, unionOf } from './interval-set.js';
import { ACTION_STRENGTH, FLAG_RULES, type FlagFacts, minutesAfter } from './rules/flag-rules.js';
import type { WeekEvents, WeekMeeting } from './week-events.js';
import type { WorkingWeek } from './working-week.js';

/** A flag with the epoch-ms times the slot finder needs for trade-offs. */
export type MeetingFlagWithTimes = {
  flag: MeetingFlag;
  event: CalendarEvent;
  start: number;
  end: number;
  primaryReason: FlagReason;
};

/** Fills `facts` (one object reused for every meeting: the rules only read it while that meeting is judged). */
function factsOf(facts: FlagFacts, m: WeekMeeting, work: WorkingWeek, doubleBooked: IntervalSet, ledartid: IntervalSet): FlagFacts {
  const e = m.event;
  facts.durationMinutes = (m.end - m.start) / MS_PER_MINUTE;
  facts.attendeeCount = m.attendeeCount;
  facts.recurring = m.recurring;
  facts.hasDescription = e.hasDescription;
  facts.organizerIsSelf = e.organizerIsSelf;
  facts.selfOptional = e.selfOptional;
  facts.selfResponse = e.selfResponse;
  facts.noticeHours = (m.start - m.created) / (60 * MS_PER_MINUTE);
  facts.afterHours = coveredLength(work.work, m.clipStart, m.clipEnd) < m.clipEnd - m.clipStart;
  facts.doubleBooked = doubleBooked.length > 0 && overlapsSet(doubleBooked, m.clipStart, m.clipEnd);
  facts.overlapsLedartid = ledartid.length > 0 && overlapsSet(ledartid, m.clipStart, m.clipEnd);
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
    afterHours: false,
    doubleBooked: false,
    overlapsLedartid: false,
  };
}

/** Every meeting of the week that breaks a rule, in meeting order, with all its reasons and the strongest action. */
export function flagMeetings(events: WeekEvents, work: WorkingWeek, now: number): MeetingFlagWithTimes[] {
  const doubleBooked = events.doubleBooked;
  const ledartid = events.ledartid.length === 0 ? [] : unionOf(events.ledartid.map((b) => [b.start, b.end] as const));
  const flags: MeetingFlagWithTimes[] = [];
  const facts = emptyFacts();
  const meetings = events.meetings;
  for (let k = 0; k < meetings.length; k++) {
    const m = meetings[k]!;
    factsOf(facts, m, work, doubleBooked, ledartid);
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
    flags.push({ flag, event: m.event, start: m.start, end: m.end, primaryReason });
  }
  return flags;
}
