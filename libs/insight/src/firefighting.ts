// The fire-fighting index (0–100) and the trend of key metrics against the previous weeks' mean.
import type { Trend, TrendPoint, WeekMetrics } from '@ledarsteg/contracts';
import { FIREFIGHTING_WEIGHTS, TREND_FLAT_ABSOLUTE, TREND_FLAT_RELATIVE } from './rules/metric-rules.js';

const share = (part: number, whole: number): number => (whole <= 0 ? 0 : Math.min(1, part / whole));

/**
 * Weighted sum of three shares: short-notice (created ≤ 24 h before) meeting minutes, unprotected ledartid and
 * after-hours meeting minutes. Computed from metrics alone so previous weeks get the same index.
 * Unprotected is the part of booked ledartid that did not survive; a week with none booked is wholly unprotected,
 * so not booking ledartid never looks calmer than booking it and keeping it.
 */
export function firefightingIndex(m: WeekMetrics): number {
  const shortNotice = share(m.notice.upTo6h + m.notice.from6to12h + m.notice.from12to24h, m.meetingMinutes);
  const booked = m.ledartid.bookedMinutes;
  const unprotected = booked <= 0 ? 1 : 1 - Math.min(1, Math.max(0, m.ledartid.keptMinutes) / booked);
  const afterHours = share(m.afterHoursMinutes, m.meetingMinutes);
  const score =
    FIREFIGHTING_WEIGHTS.shortNotice * shortNotice +
    FIREFIGHTING_WEIGHTS.unprotectedLedartid * unprotected +
    FIREFIGHTING_WEIGHTS.afterHours * afterHours;
  return Math.round(Math.min(100, Math.max(0, score * 100)) * 10) / 10;
}

const TREND_KEYS = {
  meetingMinutes: (m: WeekMetrics) => m.meetingMinutes,
  meetingCount: (m: WeekMetrics) => m.meetingCount,
  focusMinutes: (m: WeekMetrics) => m.focusMinutes,
  fragmentedMinutes: (m: WeekMetrics) => m.fragmentedMinutes,
  afterHoursMinutes: (m: WeekMetrics) => m.afterHoursMinutes,
  doubleBookedMinutes: (m: WeekMetrics) => m.doubleBookedMinutes,
  ledartidKeptMinutes: (m: WeekMetrics) => m.ledartid.keptMinutes,
  firefightingIndex: firefightingIndex,
} satisfies Record<keyof Trend['metrics'], (m: WeekMetrics) => number>;

function point(current: number, previousWeeks: WeekMetrics[], read: (m: WeekMetrics) => number): TrendPoint {
  if (previousWeeks.length === 0) return { current, baseline: null, delta: null, direction: 'none' };
  // Summed from 0 in week order, as a reduce over the values would.
  let sum = 0;
  for (let w = 0; w < previousWeeks.length; w++) sum += read(previousWeeks[w]!);
  const baseline = Math.round((sum / previousWeeks.length) * 100) / 100;
  const delta = Math.round((current - baseline) * 100) / 100;
  const tolerance = Math.max(TREND_FLAT_ABSOLUTE, TREND_FLAT_RELATIVE * Math.abs(baseline));
  const direction = Math.abs(delta) <= tolerance ? 'flat' : delta > 0 ? 'up' : 'down';
  return { current, baseline, delta, direction };
}

/** `currentIndex` is `firefightingIndex(current)` when the caller has it already. */
export function weekTrend(current: WeekMetrics, previousWeeks: WeekMetrics[], currentIndex = firefightingIndex(current)): Trend {
  const k = TREND_KEYS;
  // Spelled out in TREND_KEYS order (the object's key order): one shape, no per-key lookups.
  const metrics: Trend['metrics'] = {
    meetingMinutes: point(current.meetingMinutes, previousWeeks, k.meetingMinutes),
    meetingCount: point(current.meetingCount, previousWeeks, k.meetingCount),
    focusMinutes: point(current.focusMinutes, previousWeeks, k.focusMinutes),
    fragmentedMinutes: point(current.fragmentedMinutes, previousWeeks, k.fragmentedMinutes),
    afterHoursMinutes: point(current.afterHoursMinutes, previousWeeks, k.afterHoursMinutes),
    doubleBookedMinutes: point(current.doubleBookedMinutes, previousWeeks, k.doubleBookedMinutes),
    ledartidKeptMinutes: point(current.ledartid.keptMinutes, previousWeeks, k.ledartidKeptMinutes),
    firefightingIndex: point(currentIndex, previousWeeks, k.firefightingIndex),
  };
  return { basedOnWeeks: previousWeeks.length, metrics };
}
