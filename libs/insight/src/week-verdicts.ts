// Judgements on the week as a whole (overload, too little focus, fragmented days, long chains, recurring share).
import type { WeekMetrics, WeekVerdict, WeekVerdictKind } from '@ledarsteg/contracts';
import { weekVerdictWords } from './words/verdict-words.js';

/** The thresholds each verdict is given at. */
export const VERDICT_RULES = {
  /** More meeting time than this (minutes) is overload: 20 hours. */
  overloadOverMinutes: 20 * 60,
  /** Less focus (in blocks of two hours or more) than this is too little: 10 hours… */
  focusUnderMinutes: 10 * 60,
  /** … judged only when the working week is at least that long. */
  focusJudgedFromWorkingMinutes: 10 * 60,
  /** Fragmented days (an hour or more of short gaps) from this many on. */
  fragmentedDaysFrom: 2,
  /** A back-to-back chain at least this long (minutes). */
  longChainFromMinutes: 120,
  /** Recurring meetings above this share of meeting time. */
  recurringShareOver: 0.5,
} as const;

/** Each verdict that applies to the week, in the order a coach would raise them, with its figure and words. */
export function weekVerdicts(m: WeekMetrics): WeekVerdict[] {
  const verdicts: WeekVerdict[] = [];
  const add = (kind: WeekVerdictKind, value: number) => verdicts.push({ kind, value, words: weekVerdictWords(kind, m) });
  if (m.meetingMinutes > VERDICT_RULES.overloadOverMinutes) add('overload', m.meetingMinutes);
  if (m.workingMinutes >= VERDICT_RULES.focusJudgedFromWorkingMinutes && m.focusMinutes < VERDICT_RULES.focusUnderMinutes) {
    add('little_focus', m.focusMinutes);
  }
  if ((m.fragmentedDays ?? 0) >= VERDICT_RULES.fragmentedDaysFrom) add('fragmented_days', m.fragmentedDays ?? 0);
  if ((m.backToBack.longestMinutes ?? 0) >= VERDICT_RULES.longChainFromMinutes) add('back_to_back', m.backToBack.longestMinutes ?? 0);
  if (m.recurringShare > VERDICT_RULES.recurringShareOver) add('recurring_heavy', m.recurringShare);
  if ((m.tentative?.count ?? 0) > 0) add('tentative_uncounted', m.tentative?.minutes ?? 0);
  return verdicts;
}
