// Events validated once with prepareEvents give the same analysis as raw events, and nothing unchecked gets through.
import type { CalendarEvent } from '@ledarsteg/contracts';
import fc from 'fast-check';
import t from 'tap';
import { InsightInputError, analyseWeek, prepareEvents, proposeLedartid } from '../src/index.js';
import { at, event, meeting, profile } from './fixtures/event-builder.js';

const week = '2026-W48';
const now = '2026-11-20T08:00:00Z';
const days = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'];

/** A random but valid week: overlapping meetings, series, ledartid and focus blocks, declined and free events. */
const weekEvents = fc.array(
  fc.record({
    day: fc.constantFrom(...days),
    startQuarter: fc.integer({ min: 28, max: 72 }),
    quarters: fc.integer({ min: 1, max: 10 }),
    attendees: fc.integer({ min: 1, max: 20 }),
    series: fc.boolean(),
    ledartid: fc.boolean(),
    response: fc.constantFrom('accepted', 'declined', 'tentative', 'needsAction', 'organizer' as const),
    showAs: fc.constantFrom('busy', 'free', 'oof' as const),
    createdDaysBefore: fc.integer({ min: 0, max: 20 }),
  }),
  { maxLength: 40 },
);

type EventSpec = (typeof weekEvents extends fc.Arbitrary<Array<infer S>> ? S : never) & {
  response: CalendarEvent['selfResponse'];
  showAs: CalendarEvent['showAs'];
};

function toEvents(specs: EventSpec[]): CalendarEvent[] {
  return specs.map((s, i) => {
    const clock = (q: number) => `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`;
    const start = at(`${s.day} ${clock(s.startQuarter)}`);
    const end = at(`${s.day} ${clock(Math.min(95, s.startQuarter + s.quarters))}`);
    return event({
      start,
      end,
      attendeeCount: s.ledartid ? 1 : s.attendees,
      selfResponse: s.response,
      showAs: s.showAs,
      createdAt: new Date(Date.parse(start) - s.createdDaysBefore * 86_400_000).toISOString(),
      ...(s.series ? { seriesId: `series-${i % 3}` } : {}),
      ...(s.ledartid ? { ledartidBlockId: `block-${i}` } : {}),
    });
  });
}

t.test('prepared and raw events give the same analysis and proposal, in any order', async (t) => {
  fc.assert(
    fc.property(weekEvents, fc.integer({ min: 0, max: 1000 }), (specs, seed) => {
      const events = toEvents(specs as EventSpec[]);
      // Reversed and rotated: out of start order, so the prepared order has to be sorted.
      const k = seed % Math.max(1, events.length);
      const shuffled = [...events.slice(k), ...events.slice(0, k)].reverse();
      const prepared = prepareEvents(shuffled);
      const input = { profile: profile(), week, now };
      t.same(analyseWeek({ ...input, events: prepared }), analyseWeek({ ...input, events }));
      t.same(proposeLedartid({ ...input, events: prepared }), proposeLedartid({ ...input, events }));
    }),
    { numRuns: 60, seed: 11 },
  );
});

t.test('prepareEvents rejects what analyseWeek rejects, with the same path', async (t) => {
  const good = meeting('2026-11-23', '09:00', '10:00');
  const bad: Array<[CalendarEvent[], RegExp]> = [
    [[good, { ...good, updatedAt: 'yesterday' }], /^events\/1\/updatedAt/],
    [[good, { ...good, createdAt: '2026-11-20T08:00:00' }], /^events\/1\/createdAt/],
    [[good, { ...good, originalStart: '2026-11-23T25:00Z' }], /^events\/1\/originalStart/],
    [[good, { ...good, attendeeCount: 1.5 }], /^events\/1/],
  ];
  for (const [events, path] of bad) {
    t.throws(() => prepareEvents(events), { code: 'INSIGHT_ERR_INVALID_INPUT', message: path });
    t.throws(() => analyseWeek({ events, profile: profile(), week, now }), { message: path });
  }
  t.throws(() => prepareEvents('nope'), InsightInputError);
});

t.test('an unknown field is caught even after events of the same size passed', async (t) => {
  const good = meeting('2026-11-23', '09:00', '10:00', { title: 'Standup' });
  const { title: _dropped, ...withoutTitle } = good;
  const sneaky = { ...withoutTitle, secret: 'x' } as unknown as CalendarEvent;
  t.equal(Object.keys(sneaky).length, Object.keys(good).length);
  t.throws(() => prepareEvents([good, good, sneaky]), { message: /^events\/2/ });
});

t.test('only prepareEvents makes trusted input; a look-alike is validated', async (t) => {
  const prepared = prepareEvents([meeting('2026-11-23', '09:00', '10:00')]);
  const lookAlike = { ...prepared, events: [{ ...prepared.events[0]!, start: 'not a time' }] };
  t.throws(() => analyseWeek({ events: lookAlike as never, profile: profile(), week, now }), InsightInputError);
});

t.test('adding to the original array after preparing does not change the prepared events', async (t) => {
  const events = [meeting('2026-11-23', '09:00', '10:00')];
  const prepared = prepareEvents(events);
  events.push(meeting('2026-11-23', '10:00', '11:00'));
  const metrics = analyseWeek({ events: prepared, profile: profile(), week, now }).metrics;
  t.equal(metrics.meetingCount, 1);
  t.equal(metrics.meetingMinutes, 60);
});
