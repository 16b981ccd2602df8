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

function factsOf(m: WeekMeeting, work: WorkingWeek, doubleBooked: IntervalSet, ledartid: IntervalSet): FlagFacts {
  const e = m.event;
  return {
    durationMinutes: (m.end - m.start) / MS_PER_MINUTE,
    attendeeCount: m.attendeeCount,
    recurring: m.recurring,
    hasDescription: e.hasDescription,
    organizerIsSelf: e.organizerIsSelf,
    selfOptional: e.selfOptional,
    selfResponse: e.selfResponse,
    noticeHours: (m.start - m.created) / (60 * MS_PER_MINUTE),
    afterHours: coveredLength(work.work, m.clipStart, m.clipEnd) < m.clipEnd - m.clipStart,
    doubleBooked: overlapsSet(doubleBooked, m.clipStart, m.clipEnd),
    overlapsLedartid: overlapsSet(ledartid, m.clipStart, m.clipEnd),
  };
}

export function flagMeetings(events: WeekEvents, work: WorkingWeek, now: number): MeetingFlagWithTimes[] {
  const doubleBooked = events.doubleBooked;
  const ledartid = unionOf(events.ledartid.map((b) => [b.start, b.end] as const));
  const flags: MeetingFlagWithTimes[] = [];
  for (const m of events.meetings) {
    const facts = factsOf(m, work, doubleBooked, ledartid);
    const reasons: FlagReason[] = [];
    let action: FlagAction | undefined;
    let primaryReason: FlagReason | undefined;
    for (let r = 0; r < FLAG_RULES.length; r++) {
      const rule = FLAG_RULES[r]!;
      if (!rule.applies(facts)) continue;
      reasons.push(rule.reason);
      const proposed = rule.action(facts);
      if (action === undefined || ACTION_STRENGTH[proposed] > ACTION_STRENGTH[action]) {
        action = proposed;
        primaryReason = rule.reason;
      }
    }
    if (action === undefined || primaryReason === undefined) continue;
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
