// analyseWeek: validates the input, then computes metrics, flags, fire-fighting index and trend for one ISO week.
import type { BookedLedartidBlock, CalendarEvent, UserProfile, WeekAnalysis, WeekMetrics } from '@ledarsteg/contracts';
import type { DateTime } from 'luxon';
import { firefightingIndex, weekTrend } from './firefighting.js';
import {
  validateBookedBlocks,
  validateNow,
  validatePreviousWeeks,
  validateProfile,
  validateWeek,
} from './input-validation.js';
import { flagMeetings } from './meeting-flags.js';
import { type PreparedEvents, preparedInput } from './prepared-events.js';
import { MAX_PREVIOUS_WEEKS } from './rules/metric-rules.js';
import { weekEvents } from './week-events.js';
import { computeWeekMetrics } from './week-metrics.js';
import { workingWeek } from './working-week.js';

export type AnalyseWeekInput = {
  /** The week's events: raw (validated here) or from `prepareEvents` (validated once, trusted). */
  events: CalendarEvent[] | PreparedEvents;
  profile: UserProfile;
  /** ISO week in the leader's zone, e.g. 2026-W48. */
  week: string;
  now: DateTime | string;
  /** Up to four earlier weeks, for the trend. */
  previousWeeks?: WeekMetrics[];
  /** What LedarSteg booked this week; lets the analysis tell kept ledartid from moved or deleted blocks. */
  bookedBlocks?: BookedLedartidBlock[];
};

export function analyseWeek(input: AnalyseWeekInput): WeekAnalysis {
  const profile = validateProfile(input.profile);
  const week = validateWeek(input.week);
  const now = validateNow(input.now);
  const prepared = preparedInput(input.events);
  const previousWeeks = validatePreviousWeeks(input.previousWeeks, MAX_PREVIOUS_WEEKS);
  const booked = input.bookedBlocks === undefined ? undefined : validateBookedBlocks(input.bookedBlocks, 'bookedBlocks');

  const work = workingWeek(week, profile);
  const events = weekEvents(prepared, work.start, work.end);
  const metrics = computeWeekMetrics(events, work, booked);
  return {
    week,
    timeZone: profile.timeZone,
    metrics,
    flags: flagMeetings(events, work, now).map((f) => f.flag),
    trend: weekTrend(metrics, previousWeeks),
    firefightingIndex: firefightingIndex(metrics),
  };
}
