// One verdict per recurring series with flagged occurrences, with what the series costs everyone in a year.
import type { SeriesVerdict } from '@ledarsteg/contracts';
import type { MeetingFlagWithTimes } from './meeting-flags.js';
import { ACTION_STRENGTH } from './rules/flag-rules.js';
import { wordsOf } from './words/flag-words.js';
import { seriesWords } from './words/verdict-words.js';

/**
 * Working weeks in a year for the yearly cost: 52 less five weeks of holiday and the public holidays. A series'
 * occurrences a year are its occurrences this week times this (the calendar does not carry the recurrence rule).
 */
export const WORKING_WEEKS_PER_YEAR = 45;

type SeriesSoFar = { lead: MeetingFlagWithTimes; providerEventIds: string[] };

/** The flagged occurrences of each series, judged once: the strongest action among them and its reasons. */
export function seriesVerdicts(flagged: readonly MeetingFlagWithTimes[]): SeriesVerdict[] {
  let bySeries: Map<string, SeriesSoFar> | undefined;
  for (let f = 0; f < flagged.length; f++) {
    const occurrence = flagged[f]!;
    const id = occurrence.flag.seriesId;
    if (id === undefined) continue;
    bySeries ??= new Map();
    const series = bySeries.get(id);
    if (series === undefined) bySeries.set(id, { lead: occurrence, providerEventIds: [occurrence.flag.providerEventId] });
    else {
      series.providerEventIds.push(occurrence.flag.providerEventId);
      if (ACTION_STRENGTH[occurrence.flag.action] > ACTION_STRENGTH[series.lead.flag.action]) series.lead = occurrence;
    }
  }
  if (bySeries === undefined) return [];
  const verdicts: SeriesVerdict[] = [];
  for (const [seriesId, { lead, providerEventIds }] of bySeries) {
    const flag = lead.flag;
    const minutesPerOccurrence = flag.suggestion.fromMinutes;
    const attendeeCount = lead.event.attendeeCount;
    const occurrencesPerYear = providerEventIds.length * WORKING_WEEKS_PER_YEAR;
    const yearlyLeaderHours = Math.round((minutesPerOccurrence / 60) * occurrencesPerYear * 10) / 10;
    const yearlyPersonHours = Math.round(yearlyLeaderHours * attendeeCount);
    const cost = { minutesPerOccurrence, attendeeCount, occurrencesPerYear, yearlyPersonHours };
    verdicts.push({
      seriesId,
      providerEventIds,
      reasons: flag.reasons,
      action: flag.action,
      organiser: flag.organiser === true,
      minutesPerOccurrence,
      attendeeCount,
      occurrencesPerYear,
      yearlyPersonHours,
      yearlyLeaderHours,
      words: seriesWords(flag, flag.words ?? wordsOf(flag), cost),
    });
  }
  // Costliest first: that is where a change pays most.
  return verdicts.length > 1 ? verdicts.sort((a, b) => b.yearlyPersonHours - a.yearlyPersonHours) : verdicts;
}
