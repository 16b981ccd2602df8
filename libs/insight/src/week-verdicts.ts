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

function verdict(kind: WeekVerdictKind, value: number, m: WeekMetrics): WeekVerdict {
  return { kind, value, words: weekVerdictWords(kind, m) };
}

/** Each verdict that applies to the week, in the order a coach would raise them, with its figure and words. */
export function weekVerdicts(m: WeekMetrics): WeekVerdict[] {
  const verdicts: WeekVerdict[] = [];
  if (m.meetingMinutes > VERDICT_RULES.overloadOverMinutes) verdicts.push(verdict('overload', m.meetingMinutes, m));
  if (m.workingMinutes >= VERDICT_RULES.focusJudgedFromWorkingMinutes && m.focusMinutes < VERDICT_RULES.focusUnderMinutes) {
    verdicts.push(verdict('little_focus', m.focusMinutes, m));
  }
  const fragmentedDays = m.fragmentedDays ?? 0;
  if (fragmentedDays >= VERDICT_RULES.fragmentedDaysFrom) verdicts.push(verdict('fragmented_days', fragmentedDays, m));
  const longest = m.backToBack.longestMinutes ?? 0;
  if (longest >= VERDICT_RULES.longChainFromMinutes) verdicts.push(verdict('back_to_back', longest, m));
  if (m.recurringShare > VERDICT_RULES.recurringShareOver) verdicts.push(verdict('recurring_heavy', m.recurringShare, m));
  if (m.tentative !== undefined && m.tentative.count > 0) verdicts.push(verdict('tentative_uncounted', m.tentative.minutes, m));
  return verdicts;
}
