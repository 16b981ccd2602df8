// DST weeks in Stockholm (spring forward 2026-03-29, fall back 2026-10-25) and weeks in New York and Sydney.
import { isoWeekBounds } from '@ledarsteg/contracts';
import t from 'tap';
import { analyseWeek, proposeLedartid } from '../src/index.js';
import { at, event, meeting, profile } from './fixtures/event-builder.js';

const NOW = '2026-01-01T00:00:00Z';

t.test('spring-forward week (2026-W13, Stockholm): a 23-hour Sunday, wall-clock working hours', async (t) => {
  const week = '2026-W13';
  const p = profile();
  // A Sunday night meeting across the switch: 01:00 → 04:00 wall clock is only two real hours.
  const overnight = event({ start: at('2026-03-29 01:00'), end: at('2026-03-29 04:00') });
  const monday = meeting('2026-03-23', '09:00', '10:00'); // UTC+1
  const friday = meeting('2026-03-27', '09:00', '10:00');
  const a = analyseWeek({ events: [overnight, monday, friday], profile: p, week, now: NOW });
  t.equal(a.metrics.meetingMinutes, 120 + 60 + 60);
  t.equal(a.metrics.afterHoursMinutes, 120, 'the Sunday hours are outside working hours');
  t.equal(a.metrics.workingMinutes, 5 * 480);
  const { start, end } = isoWeekBounds(week, 'Europe/Stockholm');
  t.equal(end.diff(start, 'hours').hours, 167, 'the week itself is an hour short');
  const sundayToMonday = event({ start: at('2026-03-29 23:00'), end: at('2026-03-30 01:00') });
  t.equal(analyseWeek({ events: [sundayToMonday], profile: p, week, now: NOW }).metrics.meetingMinutes, 60, 'clipped at the local Monday');
});

t.test('fall-back week (2026-W43, Stockholm): a 25-hour Sunday with working hours still 08–17', async (t) => {
  const week = '2026-W43';
  const p = profile({ workingHours: [7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })) });
  const a = analyseWeek({ events: [], profile: p, week, now: NOW });
  t.equal(a.metrics.workingMinutes, 25 * 60 - 60, 'the Sunday has 25 hours, minus lunch');
  // 02:00–03:00 happens twice; the meeting from the first 02:00 to 03:00 (+01:00) lasts two hours.
  const doubleHour = event({ start: '2026-10-25T02:00:00+02:00', end: '2026-10-25T03:00:00+01:00' });
  t.equal(analyseWeek({ events: [doubleHour], profile: p, week, now: NOW }).metrics.meetingMinutes, 120);
  const mondayAfter = meeting('2026-10-19', '16:30', '17:30');
  t.equal(analyseWeek({ events: [mondayAfter], profile: profile(), week, now: NOW }).metrics.afterHoursMinutes, 30);
});

t.test('a slot on the DST Sunday keeps to wall-clock working hours', async (t) => {
  const p = profile({
    workingHours: [{ weekday: 7, start: '08:00', end: '12:00' }],
    lunch: undefined,
    ledartidGoal: { blocks: 1, blockMinutes: 240, preferredTime: 'any' },
  });
  const proposal = proposeLedartid({ events: [], profile: p, week: '2026-W13', now: NOW });
  t.same(proposal.slots, [{ start: '2026-03-29T08:00:00+02:00', end: '2026-03-29T12:00:00+02:00', day: '2026-03-29' }]);
});

t.test('America/New_York: working hours and after-hours in the leader zone across its DST switch', async (t) => {
  const zone = 'America/New_York';
  const p = profile({ timeZone: zone });
  // 2026-W11: US switches on Sunday 2026-03-08 while Europe has not yet.
  const week = '2026-W10';
  const a = analyseWeek({
    events: [meeting('2026-03-02', '08:00', '09:00', {}, zone), meeting('2026-03-06', '16:30', '17:30', {}, zone)],
    profile: p,
    week,
    now: NOW,
  });
  t.equal(a.metrics.afterHoursMinutes, 30);
  const next = analyseWeek({
    events: [meeting('2026-03-09', '08:00', '09:00', {}, zone)],
    profile: p,
    week: '2026-W11',
    now: NOW,
  });
  t.equal(next.metrics.afterHoursMinutes, 0, 'after the switch 08:00 is still inside 08–17');
  t.equal(next.metrics.meetingMinutes, 60);
  const slots = proposeLedartid({ events: [], profile: p, week: '2026-W11', now: NOW }).slots;
  t.ok(slots.every((s) => s.start.endsWith('-04:00')), 'the week after the switch is on EDT');
});

t.test('Australia/Sydney: a week is Monday to Monday in Sydney, not UTC', async (t) => {
  const zone = 'Australia/Sydney';
  const p = profile({ timeZone: zone });
  // Monday 2026-04-06 00:30 in Sydney is still Sunday in UTC; Sydney leaves DST on 2026-04-05.
  const early = meeting('2026-04-06', '08:00', '09:00', {}, zone);
  const a = analyseWeek({ events: [early], profile: p, week: '2026-W15', now: NOW });
  t.equal(a.metrics.meetingMinutes, 60);
  t.equal(a.metrics.afterHoursMinutes, 0);
  t.equal(analyseWeek({ events: [early], profile: p, week: '2026-W14', now: NOW }).metrics.meetingMinutes, 0);
});
