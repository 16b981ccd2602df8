// The week-level verdicts and series verdicts in plain Swedish and English, each with one move.
import type { FlagReason, ReasonAndMove, WeekMetrics, WeekVerdictKind, Words } from '@ledarsteg/contracts';
import { WORKING_WEEKS_PER_YEAR } from '../rules/metric-rules.js';
import { reasonWords } from './flag-words.js';
import type { FlagWordsInput } from './flag-words.js';
import { type Locale, hoursOf, wholeNumber } from './locale-numbers.js';

function both(say: (locale: Locale) => ReasonAndMove): Words {
  return Object.freeze({ sv: Object.freeze(say('sv')), en: Object.freeze(say('en')) });
}

/**
 * Words already built, by what they say (the figures as shown, not as measured): the same sentence is built once.
 * Bounded: when full it starts over, which costs only rebuilding.
 */
class WordsCache<K> {
  readonly #entries = new Map<K, Words>();
  constructor(private readonly limit: number) {}

  get(key: K): Words | undefined {
    return this.#entries.get(key);
  }

  set(key: K, words: Words): Words {
    if (this.#entries.size >= this.limit) this.#entries.clear();
    this.#entries.set(key, words);
    return words;
  }
}

const verdictCache = new WordsCache<number>(4096);

const KIND_INDEX: Readonly<Record<WeekVerdictKind, number>> = {
  overload: 0,
  little_focus: 1,
  fragmented_days: 2,
  back_to_back: 3,
  recurring_heavy: 4,
  tentative_uncounted: 5,
};

/** What a week-level verdict says, from the week's metrics (built once per distinct figure as shown). */
export function weekVerdictWords(kind: WeekVerdictKind, m: WeekMetrics): Words {
  const key = KIND_INDEX[kind] + 8 * shownFigures(kind, m);
  return verdictCache.get(key) ?? verdictCache.set(key, buildWeekVerdictWords(kind, m));
}

/** The figures a verdict's sentence shows, to the precision shown, as one whole number. */
function shownFigures(kind: WeekVerdictKind, m: WeekMetrics): number {
  switch (kind) {
    case 'overload':
      return shownMinutes(m.meetingMinutes);
    case 'little_focus':
      return shownMinutes(m.focusMinutes);
    case 'fragmented_days':
      return m.fragmentedDays ?? 0;
    case 'back_to_back':
      return shownMinutes(m.backToBack.longestMinutes ?? 0);
    case 'recurring_heavy':
      return Math.round(m.recurringShare * 100);
    case 'tentative_uncounted':
      return shownMinutes(m.tentative?.minutes ?? 0) + 100_000 * (m.tentative?.count ?? 0);
  }
}

/** `hoursOf` shows whole minutes under an hour and tenths of an hour from there (a week has at most 1,680 tenths). */
function shownMinutes(minutes: number): number {
  return minutes < 60 ? Math.round(minutes) : 60 + Math.round(minutes / 6);
}

function buildWeekVerdictWords(kind: WeekVerdictKind, m: WeekMetrics): Words {
  switch (kind) {
    case 'overload':
      return both((l) =>
        l === 'sv'
          ? {
              reason: `Du har ${hoursOf(m.meetingMinutes, l)} möten den här veckan. Över 20 timmar hinner du delta, men inte leda.`,
              move: 'Välj ett återkommande möte att lämna eller glesa ut, redan den här veckan.',
            }
          : {
              reason: `You have ${hoursOf(m.meetingMinutes, l)} of meetings this week. Above 20 you have time to attend, not to lead.`,
              move: 'Pick one recurring meeting to leave or thin out, this week.',
            },
      );
    case 'little_focus':
      return both((l) =>
        l === 'sv'
          ? {
              reason: `Bara ${hoursOf(m.focusMinutes, l)} fokustid i block om minst två timmar. Under tio timmar blir tänkandet du behöver göra kvällsarbete.`,
              move: 'Boka två block om två timmar som ledartid och försvara dem som vilket möte som helst.',
            }
          : {
              reason: `Only ${hoursOf(m.focusMinutes, l)} of focus in blocks of two hours or more. Below ten, the thinking you need to do turns into evening work.`,
              move: 'Book two two-hour blocks of ledartid and defend them like any meeting.',
            },
      );
    case 'fragmented_days': {
      const days = m.fragmentedDays ?? 0;
      return both((l) =>
        l === 'sv'
          ? {
              reason: `${days} dagar är sönderhackade av luckor under en timme. Sådan tid blir sällan något.`,
              move: 'Samla mötena på förmiddagen eller eftermiddagen, så att resten av dagen hänger ihop.',
            }
          : {
              reason: `${days} days are chopped up by gaps of under an hour. Time like that rarely turns into anything.`,
              move: 'Gather your meetings in the morning or the afternoon, so the rest of the day holds together.',
            },
      );
    }
    case 'back_to_back': {
      const longest = m.backToBack.longestMinutes ?? 0;
      return both((l) =>
        l === 'sv'
          ? {
              reason: `Din längsta rad möten utan paus är ${hoursOf(longest, l)}. I slutet av en sådan fattar ingen kloka beslut.`,
              move: 'Gör mötena 25 eller 50 minuter långa, så att det blir luft emellan.',
            }
          : {
              reason: `Your longest run of meetings without a break is ${hoursOf(longest, l)}. Nobody decides well at the end of one.`,
              move: 'Make meetings 25 or 50 minutes long, so there is air in between.',
            },
      );
    }
    case 'recurring_heavy': {
      const percent = Math.round(m.recurringShare * 100);
      return both((l) =>
        l === 'sv'
          ? {
              reason: `${percent}\u00a0% av din mötestid är återkommande möten. Veckan är bokad innan den har börjat.`,
              move: 'Gå igenom serierna och avsluta den som minst behöver dig.',
            }
          : {
              reason: `${percent}% of your meeting time is recurring meetings. Your week is booked before it starts.`,
              move: 'Go through your series and end the one that needs you least.',
            },
      );
    }
    case 'tentative_uncounted': {
      const count = m.tentative?.count ?? 0;
      const minutes = m.tentative?.minutes ?? 0;
      return both((l) =>
        l === 'sv'
          ? {
              reason: `${count === 1 ? 'Ett möte' : `${count} möten`} (${hoursOf(minutes, l)}) har du bara svarat kanske på. Det räknas inte som mötestid här, men det håller tiden upptagen.`,
              move: 'Svara ja eller nej. Ett kanske hjälper varken dig eller den som bjöd in.',
            }
          : {
              reason: `You answered only maybe to ${count === 1 ? 'one meeting' : `${count} meetings`} (${hoursOf(minutes, l)}). Not counted as meeting time here, but the time is held.`,
              move: 'Answer yes or no. A maybe helps neither you nor whoever invited you.',
            },
      );
    }
  }
}

export type SeriesCost = {
  minutesPerOccurrence: number;
  attendeeCount: number;
  occurrencesPerYear: number;
  yearlyPersonHours: number;
};

/** Series words by the move's words object (shared per kind of flag, see wordsOf), then by the figures. */
const seriesCache = new WeakMap<Words, Map<number, Words>>();
const SERIES_CACHE_LIMIT = 4096;

/**
 * A recurring series' verdict: the reason that belongs to the series, what the series costs everyone a year, and the
 * move for the whole series (the lead occurrence's `move`, from `wordsOf`).
 */
export function seriesWords(flag: FlagWordsInput, seriesReason: FlagReason, move: Words, cost: SeriesCost): Words {
  // The sentence depends on the move (which carries the roles), the reason and the figures: one whole number when the
  // figures are in the usual ranges, else it is built each time.
  const seconds = cost.minutesPerOccurrence * 60;
  const perWeek = cost.occurrencesPerYear / WORKING_WEEKS_PER_YEAR;
  if (!Number.isInteger(seconds) || seconds > 7 * 86_400 || cost.attendeeCount >= 1000 || !Number.isInteger(perWeek) || perWeek >= 128) {
    return buildSeriesWords(flag, seriesReason, move, cost);
  }
  const key = REASON_CODES.indexOf(seriesReason) + 8 * (cost.attendeeCount + 1000 * (perWeek + 128 * seconds));
  let byFigures = seriesCache.get(move);
  if (byFigures === undefined) {
    byFigures = new Map();
    seriesCache.set(move, byFigures);
  }
  let words = byFigures.get(key);
  if (words === undefined) {
    if (byFigures.size >= SERIES_CACHE_LIMIT) byFigures.clear();
    words = buildSeriesWords(flag, seriesReason, move, cost);
    byFigures.set(key, words);
  }
  return words;
}

const REASON_CODES: readonly FlagReason[] = ['recurring_no_agenda', 'long_recurring', 'large_passive', 'short_notice', 'after_hours', 'double_booked', 'unanswered', 'overlaps_ledartid'];

function buildSeriesWords(flag: FlagWordsInput, seriesReason: FlagReason, move: Words, cost: SeriesCost): Words {
  const say = (l: Locale): ReasonAndMove => {
    const reason = reasonWords({ ...flag, reasons: [seriesReason] }, l);
    const costText =
      l === 'sv'
        ? `Serien kostar ${wholeNumber(cost.yearlyPersonHours, l)} persontimmar om året: ${hoursOf(cost.minutesPerOccurrence, l)} × ${cost.attendeeCount} personer × ${cost.occurrencesPerYear} gånger.`
        : `The series costs ${wholeNumber(cost.yearlyPersonHours, l)} person-hours a year: ${hoursOf(cost.minutesPerOccurrence, l)} × ${cost.attendeeCount} people × ${cost.occurrencesPerYear} times.`;
    return { reason: `${reason} ${costText}`, move: move[l].move };
  };
  return both(say);
}
