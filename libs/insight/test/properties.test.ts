// Properties over random weeks: people time is never the drop, minutes given back are never counted twice, and
// protected time that survived never makes a week look more like fire-fighting than the same week without it.
import type { CalendarEvent } from '@ledarsteg/contracts';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import t from 'tap';
import { analyseWeek, isPeopleTime, proposeLedartid } from '../src/index.js';
import { at, meeting, profile } from './fixtures/event-builder.js';

const WEEK = '2026-W48';
const NOW = '2026-11-20T08:00:00Z';
const DAYS = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'];
const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const ms = (iso: string) => DateTime.fromISO(iso).toMillis();
const TITLES = [undefined, 'Veckomöte', 'Utvecklingssamtal', '1:1 Anna/Erik', 'Onboarding Kim', 'Styrgrupp', 'Medarbetarsamtal'];

const arbMeeting = fc
  .record({
    day: fc.integer({ min: 0, max: 4 }),
    start: fc.integer({ min: 7 * 4, max: 18 * 4 }),
    quarters: fc.integer({ min: 1, max: 12 }),
    attendees: fc.constantFrom(2, 3, 5, 6, 9, 14),
    organiser: fc.boolean(),
    optional: fc.boolean(),
    response: fc.constantFrom('accepted' as const, 'tentative' as const, 'needsAction' as const),
    series: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    agenda: fc.boolean(),
    title: fc.constantFrom(...TITLES),
    noticeHours: fc.constantFrom(1, 5, 20, 30, 200),
  })
  .map((m): CalendarEvent => {
    const from = m.start * 15;
    const date = DAYS[m.day]!;
    return meeting(date, hhmm(from), hhmm(Math.min(from + m.quarters * 15, 23 * 60 + 45)), {
      attendeeCount: m.attendees,
      organizerIsSelf: m.organiser,
      selfResponse: m.organiser ? 'organizer' : m.response,
      selfOptional: !m.organiser && m.optional,
      ...(m.series === undefined ? {} : { seriesId: `series-${m.series}` }),
      hasDescription: m.agenda,
      ...(m.title === undefined ? {} : { title: m.title }),
      createdAt: DateTime.fromISO(at(`${date} ${hhmm(from)}`)).minus({ hours: m.noticeHours }).toISO()!,
    });
  });

const arbBlock = fc
  .record({ day: fc.integer({ min: 0, max: 4 }), start: fc.integer({ min: 8 * 4, max: 15 * 4 }), quarters: fc.integer({ min: 2, max: 8 }) })
  .map(({ day, start, quarters }) => ({ day, from: start * 15, to: start * 15 + quarters * 15 }));

const arbWeek = fc.array(arbMeeting, { minLength: 1, maxLength: 40 });

/** Length in minutes of the union of the meetings' time (all inside the week by construction). */
function unionMinutes(events: readonly CalendarEvent[]): number {
  const spans = events.map((e) => [ms(e.start), ms(e.end)] as const).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let [runStart, runEnd] = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
  for (const [s, e] of spans) {
    if (s > runEnd) {
      if (runEnd > runStart) total += runEnd - runStart;
      [runStart, runEnd] = [s, e];
    } else if (e > runEnd) runEnd = e;
  }
  if (runEnd > runStart) total += runEnd - runStart;
  return total / 60_000;
}

const byId = (events: readonly CalendarEvent[]) => new Map(events.map((e) => [e.providerEventId, e]));

t.test('property: no proposal ever drops people time, and no flag asks to drop it', async (t) => {
  fc.assert(
    fc.property(arbWeek, fc.integer({ min: 1, max: 4 }), (events, blocks) => {
      const p = proposeLedartid({
        events,
        profile: profile({ ledartidGoal: { blocks, blockMinutes: 90, preferredTime: 'any' } }),
        week: WEEK,
        now: NOW,
      });
      const ids = byId(events);
      for (const drop of p.tradeOffs.flatMap((x) => x.drop)) if (isPeopleTime(ids.get(drop.providerEventId)!)) return false;
      const a = analyseWeek({ events, profile: profile(), week: WEEK, now: NOW });
      for (const f of a.flags) {
        if (f.peopleTime && !['move', 'ask_for_agenda', 'send_agenda'].includes(f.action)) return false;
      }
      return true;
    }),
    { numRuns: 300, seed: 101 },
  );
  t.pass('300 random weeks: people time is never offered as a drop');
});

t.test('property: minutes given back are never counted twice', async (t) => {
  fc.assert(
    fc.property(arbWeek, fc.integer({ min: 1, max: 4 }), (events, blocks) => {
      const a = analyseWeek({ events, profile: profile(), week: WEEK, now: NOW });
      const flagged = byId(events);
      let back = 0;
      for (const f of a.flags) {
        if (f.minutesBack > f.suggestion.fromMinutes - f.suggestion.toMinutes + 0.01) return false;
        back += f.minutesBack;
      }
      // Every minute given back is a minute of meeting time, and each counts once.
      if (back > unionMinutes(a.flags.map((f) => flagged.get(f.providerEventId)!)) + 0.01 * a.flags.length) return false;

      const p = proposeLedartid({
        events,
        profile: profile({ ledartidGoal: { blocks, blockMinutes: 60, preferredTime: 'any' } }),
        week: WEEK,
        now: NOW,
      });
      const drops = p.tradeOffs.flatMap((x) => x.drop);
      if (new Set(drops.map((d) => d.providerEventId)).size !== drops.length) return false;
      const freed = drops.reduce((sum, d) => sum + d.minutesFreed, 0);
      return freed <= unionMinutes(drops.map((d) => flagged.get(d.providerEventId)!)) + 0.01 * drops.length;
    }),
    { numRuns: 300, seed: 202 },
  );
  t.pass('300 random weeks: flags and trade-offs give each minute back once');
});

t.test('property: protected time that survived never raises the fire-fighting index', async (t) => {
  fc.assert(
    fc.property(arbWeek, fc.array(arbBlock, { minLength: 1, maxLength: 5 }), (events, blocks) => {
      const ledartid = blocks.map((b, i) =>
        meeting(DAYS[b.day]!, hhmm(b.from), hhmm(b.to), { attendeeCount: 1, ledartidBlockId: `blk${i}`, providerEventId: `blk${i}` }),
      );
      const without = analyseWeek({ events, profile: profile(), week: WEEK, now: NOW });
      const withBlocks = analyseWeek({ events: [...events, ...ledartid], profile: profile(), week: WEEK, now: NOW });
      // Only the ledartid component may differ; blocks that survive (even in part) can only lower the index.
      return withBlocks.firefightingIndex <= without.firefightingIndex;
    }),
    { numRuns: 300, seed: 303 },
  );
  t.pass('300 random weeks: surviving ledartid never raises the index');
});
