// weeksOf works from remembered week bounds; it must name exactly the weeks isoWeeksBetween names, DST and year ends included.
import { isoWeeksBetween } from '@ledarsteg/contracts';
import fc from 'fast-check';
import t from 'tap';
import { weeksOf } from '../src/sync/event-diff.js';

const ZONES = ['Europe/Stockholm', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC'];
// 2024-12-20 … 2027-01-10: two year ends and four DST changes in every zone above that has them.
const FROM = Date.UTC(2024, 11, 20);
const TO = Date.UTC(2027, 0, 10);

t.test('weeksOf agrees with isoWeeksBetween for instants given as Dates and as ISO strings with offsets', async (t) => {
  fc.assert(
    fc.property(
      fc.integer({ min: FROM, max: TO }),
      fc.integer({ min: 0, max: 40 * 24 * 3600_000 }),
      fc.constantFrom(...ZONES),
      fc.boolean(),
      (start, length, zone, asString) => {
        const s = new Date(start);
        const e = new Date(start + length);
        const expected = isoWeeksBetween(s, e, zone);
        const got = asString ? weeksOf(s.toISOString(), e.toISOString().replace('Z', '+00:00'), zone) : weeksOf(s, e, zone);
        return JSON.stringify(got) === JSON.stringify(expected);
      },
    ),
    { numRuns: 3_000 },
  );
  t.same(weeksOf('2026-03-29T00:30:00+01:00', '2026-03-30T00:00:00+02:00', 'Europe/Stockholm'), ['2026-W13'], 'the end is exclusive, across the spring change');
  t.same(weeksOf('2026-12-31T23:00:00Z', '2027-01-04T00:00:00Z', 'UTC'), ['2026-W53'], 'a year end inside one ISO week');
  t.same(weeksOf('2026-05-01T10:00:00.123456+02:00', '2026-05-04T10:00:00+02:00', 'Europe/Stockholm'), ['2026-W18', '2026-W19'], 'finer than milliseconds: read as luxon reads it');
});
