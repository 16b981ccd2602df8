// One verdict per recurring series with flagged occurrences, with what the series costs everyone in a year.
import type { FlagReason, SeriesVerdict } from '@ledarsteg/contracts';
import type { MeetingFlagWithTimes } from './meeting-flags.js';
import { ACTION_STRENGTH } from './rules/flag-rules.js';
import { WORKING_WEEKS_PER_YEAR } from './rules/metric-rules.js';
import { wordsOf } from './words/flag-words.js';
import { seriesWords } from './words/verdict-words.js';


/**
 * Reasons that belong to the series rather than to one occurrence: they repeat every time it meets. A clash, a late
 * end or a short-notice booking is about that occurrence and stays on its flag.
 */
export const SERIES_REASONS: ReadonlySet<FlagReason> = new Set<FlagReason>(['recurring_no_agenda', 'long_recurring', 'large_passive']);

function hasSeriesReason(reasons: readonly FlagReason[]): boolean {
  for (let r = 0; r < reasons.length; r++) if (SERIES_REASONS.has(reasons[r]!)) return true;
  return false;
}

/** The occurrence that speaks for the series: one led by a series reason, then the strongest action. */
function leads(a: MeetingFlagWithTimes, b: MeetingFlagWithTimes): boolean {
  const aSeries = SERIES_REASONS.has(a.flag.reasons[0]!);
  const bSeries = SERIES_REASONS.has(b.flag.reasons[0]!);
  if (aSeries !== bSeries) return aSeries;
  return ACTION_STRENGTH[a.flag.action] > ACTION_STRENGTH[b.flag.action];
}

type SeriesSoFar = { lead: MeetingFlagWithTimes; providerEventIds: string[] };

/** The flagged occurrences of each series, judged once: the strongest action among them and its reasons. */
export function seriesVerdicts(flagged: readonly MeetingFlagWithTimes[]): SeriesVerdict[] {
  let bySeries: Map<string, SeriesSoFar> | undefined;
  for (let f = 0; f < flagged.length; f++) {
    const occurrence = flagged[f]!;
    const id = occurrence.flag.seriesId;
    if (id === undefined || !hasSeriesReason(occurrence.flag.reasons)) continue;
    bySeries ??= new Map();
    const series = bySeries.get(id);
    if (series === undefined) bySeries.set(id, { lead: occurrence, providerEventIds: [occurrence.flag.providerEventId] });
    else {
      series.providerEventIds.push(occurrence.flag.providerEventId);
      if (leads(occurrence, series.lead)) series.lead = occurrence;
    }
  }
  if (bySeries === undefined) return [];
  const verdicts: SeriesVerdict[] = [];
  for (const [seriesId, { lead, providerEventIds }] of bySeries) {
    const flag = lead.flag;
    let reasons = flag.reasons;
    for (let r = 0; r < reasons.length; r++) {
      if (!SERIES_REASONS.has(reasons[r]!)) {
        reasons = flag.reasons.filter((x) => SERIES_REASONS.has(x)) as SeriesVerdict['reasons'];
        break;
      }
    }
    const minutesPerOccurrence = flag.suggestion.fromMinutes;
    const attendeeCount = lead.event.attendeeCount;
    const occurrencesPerYear = providerEventIds.length * WORKING_WEEKS_PER_YEAR;
    const yearlyLeaderHours = Math.round((minutesPerOccurrence / 60) * occurrencesPerYear * 10) / 10;
    const yearlyPersonHours = Math.round(yearlyLeaderHours * attendeeCount);
    const cost = { minutesPerOccurrence, attendeeCount, occurrencesPerYear, yearlyPersonHours };
    verdicts.push({
      seriesId,
      providerEventIds,
      reasons,
      action: flag.action,
      organiser: flag.organiser === true,
      minutesPerOccurrence,
      attendeeCount,
      occurrencesPerYear,
      yearlyPersonHours,
      yearlyLeaderHours,
      words: seriesWords(flag, reasons[0]!, flag.words ?? wordsOf(flag), cost),
    });
  }
  // Costliest first: that is where a change pays most.
  return verdicts.length > 1 ? verdicts.sort((a, b) => b.yearlyPersonHours - a.yearlyPersonHours) : verdicts;
}
