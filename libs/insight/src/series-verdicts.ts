// One verdict per recurring series with flagged occurrences, with what the series costs everyone in a year.
import type { SeriesVerdict } from '@ledarsteg/contracts';
import type { MeetingFlagWithTimes } from './meeting-flags.js';
import { ACTION_STRENGTH } from './rules/flag-rules.js';
import { seriesWords } from './words/verdict-words.js';

/**
 * Working weeks in a year for the yearly cost: 52 less five weeks of holiday and the public holidays. A series'
 * occurrences a year are its occurrences this week times this (the calendar does not carry the recurrence rule).
 */
export const WORKING_WEEKS_PER_YEAR = 45;

/** The flagged occurrences of each series, judged once: the strongest action among them and its reasons. */
export function seriesVerdicts(flagged: readonly MeetingFlagWithTimes[]): SeriesVerdict[] {
  const bySeries = new Map<string, MeetingFlagWithTimes[]>();
  for (const f of flagged) {
    const id = f.flag.seriesId;
    if (id === undefined) continue;
    const list = bySeries.get(id);
    if (list === undefined) bySeries.set(id, [f]);
    else list.push(f);
  }
  const verdicts: SeriesVerdict[] = [];
  for (const [seriesId, occurrences] of bySeries) {
    let lead = occurrences[0]!;
    for (const f of occurrences) if (ACTION_STRENGTH[f.flag.action] > ACTION_STRENGTH[lead.flag.action]) lead = f;
    const minutesPerOccurrence = lead.flag.suggestion.fromMinutes;
    const attendeeCount = lead.event.attendeeCount;
    const occurrencesPerYear = occurrences.length * WORKING_WEEKS_PER_YEAR;
    const yearlyLeaderHours = Math.round((minutesPerOccurrence / 60) * occurrencesPerYear * 10) / 10;
    const yearlyPersonHours = Math.round(yearlyLeaderHours * attendeeCount);
    const cost = { minutesPerOccurrence, attendeeCount, occurrencesPerYear, yearlyPersonHours };
    verdicts.push({
      seriesId,
      providerEventIds: occurrences.map((f) => f.flag.providerEventId),
      reasons: lead.flag.reasons,
      action: lead.flag.action,
      organiser: lead.flag.organiser === true,
      minutesPerOccurrence,
      attendeeCount,
      occurrencesPerYear,
      yearlyPersonHours,
      yearlyLeaderHours,
      words: seriesWords(lead.flag, lead.flag.words!, cost),
    });
  }
  // Costliest first: that is where a change pays most.
  return verdicts.sort((a, b) => b.yearlyPersonHours - a.yearlyPersonHours);
}
