// The fire-fighting index and the trend against previous weeks.
import type { WeekMetrics } from '@ledarsteg/contracts';
import t from 'tap';
import { FIREFIGHTING_WEIGHTS, analyseWeek, firefightingIndex } from '../src/index.js';
import { at, meeting, profile } from './fixtures/event-builder.js';

const WEEK = '2026-W48';
const NOW = '2026-11-20T08:00:00Z';
const MON = '2026-11-23';

const base: WeekMetrics = analyseWeek({ events: [], profile: profile(), week: '2026-W47', now: NOW }).metrics;
const withMetrics = (patch: Partial<WeekMetrics>): WeekMetrics => ({ ...base, ...patch });

const keptAll = { bookedMinutes: 180, keptMinutes: 180, overwrittenMinutes: 0, movedBlocks: 0, removedBlocks: 0 };

t.test('fire-fighting index: calm week 0, worst week 100, each component weighted', async (t) => {
  t.equal(firefightingIndex(withMetrics({ ledartid: keptAll })), 0, 'ledartid booked and kept, nothing else');
  t.equal(firefightingIndex(base), FIREFIGHTING_WEIGHTS.unprotectedLedartid * 100, 'no ledartid at all is unprotected');
  const worst = withMetrics({
    meetingMinutes: 100,
    afterHoursMinutes: 100,
    notice: { upTo6h: 100, from6to12h: 0, from12to24h: 0, over24h: 0 },
    ledartid: { bookedMinutes: 90, keptMinutes: 0, overwrittenMinutes: 90, movedBlocks: 0, removedBlocks: 0 },
  });
  t.equal(firefightingIndex(worst), 100);
  const halfShortNotice = withMetrics({
    meetingMinutes: 200,
    notice: { upTo6h: 50, from6to12h: 0, from12to24h: 50, over24h: 100 },
    ledartid: keptAll,
  });
  t.equal(firefightingIndex(halfShortNotice), FIREFIGHTING_WEIGHTS.shortNotice * 50);
  const halfKept = withMetrics({ ledartid: { ...keptAll, keptMinutes: 90, overwrittenMinutes: 90 } });
  t.equal(firefightingIndex(halfKept), FIREFIGHTING_WEIGHTS.unprotectedLedartid * 50);
  t.ok(firefightingIndex(halfKept) < firefightingIndex(base), 'half the ledartid kept is calmer than none booked');
});

t.test('the analysis reports the index of its own metrics', async (t) => {
  const created = at('2026-11-23 07:00'); // two hours before
  const a = analyseWeek({
    events: [meeting(MON, '09:00', '10:00', { createdAt: created }), meeting(MON, '17:00', '18:00')],
    profile: profile(),
    week: WEEK,
    now: NOW,
  });
  // No ledartid booked: that component counts in full.
  t.equal(a.firefightingIndex, Math.round((0.4 * 0.5 + 0.35 + 0.25 * 0.5) * 1000) / 10);
  t.equal(a.trend.metrics.firefightingIndex.current, a.firefightingIndex);
});

t.test('trend against the mean of previous weeks', async (t) => {
  const previousWeeks = [withMetrics({ meetingMinutes: 600, focusMinutes: 900 }), withMetrics({ meetingMinutes: 800, focusMinutes: 900 })];
  const a = analyseWeek({
    events: [meeting(MON, '09:00', '10:00')],
    profile: profile(),
    week: WEEK,
    now: NOW,
    previousWeeks,
  });
  t.equal(a.trend.basedOnWeeks, 2);
  t.same(a.trend.metrics.meetingMinutes, { current: 60, baseline: 700, delta: -640, direction: 'down' });
  t.same(a.trend.metrics.focusMinutes, { current: 2190, baseline: 900, delta: 1290, direction: 'up' });
  t.equal(a.trend.metrics.fragmentedMinutes.direction, 'flat', 'equal values are flat');
  const none = analyseWeek({ events: [], profile: profile(), week: WEEK, now: NOW });
  t.same(none.trend.metrics.meetingMinutes, { current: 0, baseline: null, delta: null, direction: 'none' });
});

t.test('a change within 5 % of the baseline is flat', async (t) => {
  const a = analyseWeek({
    events: [meeting(MON, '09:00', '10:00'), meeting(MON, '13:00', '16:00')],
    profile: profile(),
    week: WEEK,
    now: NOW,
    previousWeeks: [withMetrics({ meetingMinutes: 250 })],
  });
  t.equal(a.trend.metrics.meetingMinutes.direction, 'flat', '240 vs 250 is within 5 %');
});
