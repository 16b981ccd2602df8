// analyseWeek: validates the input, then computes metrics, flags, verdicts, fire-fighting index and trend for one ISO week.
import type { BookedLedartidBlock, CalendarEvent, MeetingFlag, UserProfile, WeekAnalysis, WeekMetrics } from '@ledarsteg/contracts';
import type { DateTime } from 'luxon';
import { firefightingIndex, weekTrend } from './firefighting.js';
import {
  validateBookedBlocks,
  validateNow,
  validatePreviousWeeks,
  validateWeek,
} from './input-validation.js';
import { flagMeetings } from './meeting-flags.js';
import { type PreparedEvents, preparedInput } from './prepared-events.js';
import { profileInput } from './prepared-profile.js';
import { MAX_PREVIOUS_WEEKS } from './rules/metric-rules.js';
import { seriesVerdicts } from './series-verdicts.js';
import { weekEvents } from './week-events.js';
import { weekVerdicts } from './week-verdicts.js';
import { wordsOf } from './words/flag-words.js';
import { computeWeekMetrics } from './week-metrics.js';
import { workingWeekOf } from './working-week.js';

export type AnalyseWeekInput = {
  /** The week's events: raw (validated here) or from `prepareEvents` (validated once, trusted). */
  events: CalendarEvent[] | PreparedEvents;
  /** The leader's profile: raw (validated here) or from `prepareProfile` (validated once, trusted). */
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
  const profile = profileInput(input.profile);
  const week = validateWeek(input.week);
  const now = validateNow(input.now);
  const prepared = preparedInput(input.events);
  const previousWeeks = validatePreviousWeeks(input.previousWeeks, MAX_PREVIOUS_WEEKS);
  const booked = input.bookedBlocks === undefined ? undefined : validateBookedBlocks(input.bookedBlocks, 'bookedBlocks');

  const work = workingWeekOf(profile, week);
  const events = weekEvents(prepared, work.start, work.end);
  const metrics = computeWeekMetrics(events, work, booked);
  const flagged = flagMeetings(events, work, now);
  const flags: MeetingFlag[] = new Array(flagged.length);
  for (let f = 0; f < flagged.length; f++) {
    const flag = flagged[f]!.flag;
    flag.words = wordsOf(flag);
    flags[f] = flag;
  }
  const index = firefightingIndex(metrics);
  return {
    week,
    timeZone: profile.timeZone,
    metrics,
    flags,
    trend: weekTrend(metrics, previousWeeks, index),
    firefightingIndex: index,
    verdicts: weekVerdicts(metrics),
    series: seriesVerdicts(flagged),
  };
}
