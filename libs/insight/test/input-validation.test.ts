// Input from outside is checked against the contracts: bad events, profiles, weeks and `now` are rejected with a code.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import t from 'tap';
import { InsightInputError, analyseWeek, parseInstant, proposeLedartid } from '../src/index.js';
import { meeting, profile } from './fixtures/event-builder.js';

const base = { events: [], profile: profile(), week: '2026-W48', now: '2026-11-20T08:00:00Z' };

t.test('rejects invalid input with INSIGHT_ERR_INVALID_INPUT and the path', async (t) => {
  const good = meeting('2026-11-23', '09:00', '10:00');
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    ['week format', { week: '2026-48' }, /^week/],
    ['week 54', { week: '2026-W54' }, /^week/],
    ['now without offset', { now: '2026-11-20T08:00:00' }, /^now/],
    ['invalid DateTime', { now: DateTime.fromISO('nonsense') }, /^now/],
    ['events not an array', { events: {} }, /^events/],
    ['unknown field', { events: [{ ...good, secret: 1 }] }, /^events\/0/],
    ['bad instant', { events: [{ ...good, start: '2026-02-30T09:00:00Z' }] }, /^events\/0\/start/],
    ['ends before start', { events: [{ ...good, end: good.start, start: good.end }] }, /^events\/0/],
    ['unknown event zone', { events: [{ ...good, timeZone: 'Mars/Olympus' }] }, /^events\/0\/timeZone/],
    ['unknown profile zone', { profile: profile({ timeZone: 'Nowhere/City' }) }, /^profile\/timeZone/],
    ['inverted working hours', { profile: profile({ workingHours: [{ weekday: 1, start: '17:00', end: '08:00' }] }) }, /^profile\/workingHours\/0/],
    ['too many previous weeks', { previousWeeks: [1, 2, 3, 4, 5] }, /^previousWeeks/],
    ['bad booked block', { bookedBlocks: [{ blockId: 'b', start: 'x', end: 'y' }] }, /^bookedBlocks\/0/],
  ];
  for (const [name, patch, path] of cases) {
    t.throws(() => analyseWeek({ ...base, ...patch } as never), { code: 'INSIGHT_ERR_INVALID_INPUT', message: path }, name);
  }
  t.throws(
    () => proposeLedartid({ ...base, existingBlocks: [{ blockId: '', start: good.start, end: good.end }] }),
    InsightInputError,
  );
});

t.test('parseInstant agrees with Date.parse on valid instants and rejects the rest', async (t) => {
  fc.assert(
    fc.property(
      fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
      fc.integer({ min: -12 * 4, max: 14 * 4 }),
      (date, quarters) => {
        const iso = DateTime.fromJSDate(date).setZone(`UTC${quarters >= 0 ? '+' : '-'}${Math.floor(Math.abs(quarters) / 4)}:${String((Math.abs(quarters) % 4) * 15).padStart(2, '0')}`).toISO()!;
        return parseInstant(iso) === date.getTime();
      },
    ),
    { numRuns: 500, seed: 42 },
  );
  for (const bad of ['2026-13-01T00:00Z', '2026-02-29T00:00Z', '2026-01-01T24:00Z', '2026-01-01 10:00Z', '2026-01-01T10:00']) {
    t.ok(Number.isNaN(parseInstant(bad)), bad);
  }
  t.equal(parseInstant('2028-02-29T23:59:59.999+01:00'), Date.parse('2028-02-29T23:59:59.999+01:00'));
});
