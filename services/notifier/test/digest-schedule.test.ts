import t from 'tap';
import { nextDigestAt, nextDue, shiftWeek, weekAheadAt } from '../src/digest/schedule.js';
import { retryDelay } from '../src/digest/digest-scheduler.js';

const at = (iso: string) => new Date(iso);
const monday7 = { weekday: 1, time: '07:00' };

t.test('Monday 07:00 stays 07:00 on the wall clock across the spring change, in each zone', async (t) => {
  // Stockholm moves to summer time on Sunday 29 March 2026.
  t.equal(nextDigestAt(monday7, 'Europe/Stockholm', at('2026-03-20T12:00:00Z')).toISOString(), '2026-03-23T06:00:00.000Z', 'CET: 07:00 is 06:00 UTC');
  t.equal(nextDigestAt(monday7, 'Europe/Stockholm', at('2026-03-23T06:00:00Z')).toISOString(), '2026-03-30T05:00:00.000Z', 'CEST: 07:00 is 05:00 UTC, six days and 23 hours later');
  // New York moves on 8 March 2026.
  t.equal(nextDigestAt(monday7, 'America/New_York', at('2026-03-01T00:00:00Z')).toISOString(), '2026-03-02T12:00:00.000Z');
  t.equal(nextDigestAt(monday7, 'America/New_York', at('2026-03-02T12:00:00Z')).toISOString(), '2026-03-09T11:00:00.000Z');
  // Sydney leaves summer time on 5 April 2026: its Monday comes an hour later in UTC.
  t.equal(nextDigestAt(monday7, 'Australia/Sydney', at('2026-03-29T00:00:00Z')).toISOString(), '2026-03-29T20:00:00.000Z');
  t.equal(nextDigestAt(monday7, 'Australia/Sydney', at('2026-03-29T20:00:00Z')).toISOString(), '2026-04-05T21:00:00.000Z');
  // Kolkata has no DST at all.
  t.equal(nextDigestAt(monday7, 'Asia/Kolkata', at('2026-03-29T00:00:00Z')).toISOString(), '2026-03-30T01:30:00.000Z');
});

t.test('a time that does not exist comes an hour later; a time that exists twice comes once', async (t) => {
  const sunday0230 = { weekday: 7, time: '02:30' };
  // 29 March 2026, Stockholm: the clock jumps from 02:00 to 03:00.
  t.equal(nextDigestAt(sunday0230, 'Europe/Stockholm', at('2026-03-28T12:00:00Z')).toISOString(), '2026-03-29T01:30:00.000Z', '03:30 CEST');
  // 25 October 2026, Stockholm: 02:00–03:00 runs twice.
  const first = nextDigestAt(sunday0230, 'Europe/Stockholm', at('2026-10-24T12:00:00Z'));
  t.equal(first.toISOString(), '2026-10-25T00:30:00.000Z', 'the first 02:30, still summer time');
  const next = nextDigestAt(sunday0230, 'Europe/Stockholm', first);
  t.equal(next.toISOString(), '2026-11-01T01:30:00.000Z', 'not again an hour later, but next Sunday');
});

t.test('the week a digest covers: the week begun on a Monday, the coming week on any other day', async (t) => {
  t.equal(weekAheadAt(at('2026-03-30T05:00:00Z'), 'Europe/Stockholm'), '2026-W14', 'Monday morning: this week');
  t.equal(weekAheadAt(at('2026-03-29T16:30:00Z'), 'Europe/Stockholm'), '2026-W14', 'Sunday evening: the coming week');
  t.equal(weekAheadAt(at('2026-03-27T13:00:00Z'), 'Europe/Stockholm'), '2026-W14', 'Friday: the coming week');
  // Sunday 23:30 in Stockholm is already Monday in UTC+13: the zone decides.
  t.equal(weekAheadAt(at('2026-03-29T21:30:00Z'), 'Pacific/Auckland'), '2026-W14', 'Monday 10:30 in Auckland');
  t.equal(weekAheadAt(at('2026-12-27T17:00:00Z'), 'Europe/Stockholm'), '2026-W53', 'into the 53rd week');
  t.equal(weekAheadAt(at('2027-01-03T17:00:00Z'), 'Europe/Stockholm'), '2027-W01', 'and out of it');
  t.equal(shiftWeek('2027-W01', -1, 'Europe/Stockholm'), '2026-W53');
  t.equal(shiftWeek('2026-W53', -4, 'Europe/Stockholm'), '2026-W49');
});

t.test('no schedule for a leader without the digest; retries double up to an hour', async (t) => {
  t.equal(nextDue({ weeklyDigest: false, digestAt: monday7, timeZone: 'Europe/Stockholm' }, at('2026-03-20T12:00:00Z')), undefined);
  t.same(nextDue({ weeklyDigest: true, digestAt: { weekday: 7, time: '18:30' }, timeZone: 'Europe/Stockholm' }, at('2026-03-20T12:00:00Z')), {
    dueAt: at('2026-03-22T17:30:00Z'),
    dueWeek: '2026-W13',
  });
  t.same([1, 2, 3, 4].map((n) => retryDelay(60_000, n)), [60_000, 120_000, 240_000, 480_000]);
  t.equal(retryDelay(60_000, 20), 3_600_000);
});
