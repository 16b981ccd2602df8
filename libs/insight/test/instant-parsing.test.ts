// The hand-written instant parser accepts and computes exactly what the contracts' date-time pattern describes.
import fc from 'fast-check';
import t from 'tap';
import { parseInstant } from '../src/index.js';

/** Reference: the contracts' pattern plus range checks, in the plainest form (a regular expression and Date.UTC). */
const PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;
function reference(text: string): number {
  const m = PATTERN.exec(text);
  if (m === null) return Number.NaN;
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  const second = Number(m[6] ?? 0);
  const date = new Date(0);
  date.setUTCFullYear(year!, month! - 1, day!);
  if (date.getUTCMonth() !== month! - 1 || date.getUTCDate() !== day) return Number.NaN;
  if (hour! > 23 || minute! > 59 || second > 59) return Number.NaN;
  const offHours = Number(m[10] ?? 0);
  const offMinutes = Number(m[11] ?? 0);
  if (offHours > 23 || offMinutes > 59) return Number.NaN;
  const offset = (m[9] === '-' ? -1 : 1) * (offHours * 60 + offMinutes);
  const fraction = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  date.setUTCHours(hour!, minute! - offset, second, fraction);
  return date.getTime();
}

const VALID = [
  '2026-01-01T00:00Z',
  '2026-01-01T00:00:00Z',
  '2026-11-23T08:00:00+01:00',
  '2026-03-29T01:59:59.5+01:00',
  '2026-06-30T23:59:59.123456789-05:30',
  '2028-02-29T12:00:00.07+14:00',
  '1970-01-01T00:00:00.000Z',
  '9999-12-31T23:59:59.999-12:00',
];

t.test('agrees with the reference on every 1–3 digit fraction', async (t) => {
  let mismatches = 0;
  for (const digits of [1, 2, 3]) {
    for (let v = 0; v < 10 ** digits; v++) {
      const text = `2026-03-04T05:06:07.${String(v).padStart(digits, '0')}+02:00`;
      if (!Object.is(parseInstant(text), reference(text))) mismatches++;
    }
  }
  t.equal(mismatches, 0);
});

t.test('agrees with the reference on valid instants and on their mutations', async (t) => {
  // Mutations (replace, insert, delete a character) reach every branch: wrong separators, lengths, digits, zones.
  const alphabet = [...'0123456789-:T Z+.z'];
  const mutated = fc
    .tuple(
      fc.constantFrom(...VALID),
      fc.array(fc.tuple(fc.nat(30), fc.constantFrom(...alphabet), fc.constantFrom('replace', 'insert', 'delete')), {
        maxLength: 3,
      }),
    )
    .map(([text, edits]) =>
      edits.reduce((s, [at, c, how]) => {
        const p = at % (s.length + 1);
        if (how === 'replace') return s.slice(0, p) + c + s.slice(p + 1);
        if (how === 'insert') return s.slice(0, p) + c + s.slice(p);
        return s.slice(0, p) + s.slice(p + 1);
      }, text),
    );
  fc.assert(
    fc.property(mutated, (text) => Object.is(parseInstant(text), reference(text))),
    { numRuns: 20_000, seed: 7 },
  );
  for (const text of VALID) t.equal(parseInstant(text), Date.parse(text), text);
});

t.test('rejects what is not an instant with offset', async (t) => {
  for (const bad of ['', '2026-01-01', '2026-01-01T00:00', '2026-01-01T00:00+01', '2026-01-01T00:00:00.Z', '2026-01-01T00:00:00.1234567890Z', '2026-01-01T00:00+01:60', '2026-01-01T00:00-24:00', '2026-01-01T00:00:0Z', '2026-01-01T00:00ZZ', '+2026-01-01T00:00Z', '2026-04-31T00:00Z']) {
    t.ok(Number.isNaN(parseInstant(bad)), JSON.stringify(bad));
  }
});
