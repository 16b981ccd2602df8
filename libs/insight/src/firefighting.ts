// The fire-fighting index (0–100) and the trend of key metrics against the previous weeks' mean.
import type { Trend, TrendPoint, WeekMetrics } from '@ledarsteg/contracts';
import { FIREFIGHTING_WEIGHTS, TREND_FLAT_ABSOLUTE, TREND_FLAT_RELATIVE } from './rules/metric-rules.js';

const share = (part: number, whole: number): number => (whole <= 0 ? 0 : Math.min(1, part / whole));

/**
 * Weighted sum of three shares: short-notice (created ≤ 24 h before) meeting minutes, overwritten ledartid
 * and after-hours meeting minutes. Computed from metrics alone so previous weeks get the same index.
 * A week with no booked ledartid scores 0 on that component.
 */
export function firefightingIndex(m: WeekMetrics): number {
  const shortNotice = share(m.notice.upTo6h + m.notice.from6to12h + m.notice.from12to24h, m.meetingMinutes);
  const overwritten = share(m.ledartid.overwrittenMinutes, m.ledartid.bookedMinutes);
  const afterHours = share(m.afterHoursMinutes, m.meetingMinutes);
  const score =
    FIREFIGHTING_WEIGHTS.shortNotice * shortNotice +
    FIREFIGHTING_WEIGHTS.overwrittenLedartid * overwritten +
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

function point(current: number, previous: number[]): TrendPoint {
  if (previous.length === 0) return { current, baseline: null, delta: null, direction: 'none' };
  const baseline = Math.round((previous.reduce((a, b) => a + b, 0) / previous.length) * 100) / 100;
  const delta = Math.round((current - baseline) * 100) / 100;
  const tolerance = Math.max(TREND_FLAT_ABSOLUTE, TREND_FLAT_RELATIVE * Math.abs(baseline));
  const direction = Math.abs(delta) <= tolerance ? 'flat' : delta > 0 ? 'up' : 'down';
  return { current, baseline, delta, direction };
}

export function weekTrend(current: WeekMetrics, previousWeeks: WeekMetrics[]): Trend {
  const metrics = {} as Trend['metrics'];
  for (const key of Object.keys(TREND_KEYS) as Array<keyof typeof TREND_KEYS>) {
    const read = TREND_KEYS[key];
    metrics[key] = point(read(current), previousWeeks.map(read));
  }
  return { basedOnWeeks: previousWeeks.length, metrics };
}
