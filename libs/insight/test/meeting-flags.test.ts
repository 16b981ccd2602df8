// Table tests for each "meeting to challenge" rule, the strongest-action choice and minutesBack.
import { DateTime } from 'luxon';
import t from 'tap';
import { analyseWeek, shortenedLength } from '../src/index.js';
import { at, meeting, profile } from './fixtures/event-builder.js';

const WEEK = '2026-W48';
const NOW = '2026-11-20T08:00:00Z';
const MON = '2026-11-23';
const flagsOf = (events: ReturnType<typeof meeting>[]) =>
  analyseWeek({ events, profile: profile(), week: WEEK, now: NOW }).flags;

t.test('each rule on its own', async (t) => {
  const hoursBefore = (local: string, hours: number) => DateTime.fromISO(at(local)).minus({ hours }).toISO()!;
  const cases: Array<[string, ReturnType<typeof meeting>[], string[], string, number]> = [
    ['recurring, 5 people, no agenda', [meeting(MON, '09:00', '10:00', { seriesId: 's', attendeeCount: 5, hasDescription: false })], ['recurring_no_agenda'], 'make_less_frequent', 30],
    ['long recurring 90 → 60', [meeting(MON, '09:00', '10:30', { seriesId: 's' })], ['long_recurring'], 'shorten', 30],
    ['long recurring 120 → 90', [meeting(MON, '09:00', '11:00', { seriesId: 's' })], ['long_recurring'], 'shorten', 30],
    ['large, optional', [meeting(MON, '09:00', '10:00', { attendeeCount: 9, selfOptional: true })], ['large_passive'], 'decline', 60],
    ['large, tentative', [meeting(MON, '09:00', '10:00', { attendeeCount: 15, selfResponse: 'tentative' })], ['large_passive'], 'delegate', 60],
    ['short notice (24 h)', [meeting(MON, '09:00', '10:00', { createdAt: hoursBefore(`${MON} 09:00`, 24) })], ['short_notice'], 'ask_for_agenda', 0],
    ['after hours', [meeting(MON, '17:00', '18:00')], ['after_hours'], 'decline', 60],
    ['unanswered', [meeting(MON, '09:00', '10:00', { selfResponse: 'needsAction' })], ['unanswered'], 'ask_for_agenda', 0],
    ['overlaps ledartid', [meeting(MON, '09:00', '10:00'), meeting(MON, '09:30', '11:00', { attendeeCount: 1, ledartidBlockId: 'blk01' })], ['overlaps_ledartid'], 'decline', 60],
  ];
  for (const [name, events, reasons, action, minutesBack] of cases) {
    const flags = flagsOf(events);
    t.equal(flags.length, 1, `${name}: one flag`);
    t.same(flags[0]?.reasons, reasons, `${name}: reasons`);
    t.equal(flags[0]?.action, action, `${name}: action`);
    t.equal(flags[0]?.minutesBack, minutesBack, `${name}: minutes back`);
  }
});

t.test('thresholds just below the rules raise nothing', async (t) => {
  const created = DateTime.fromISO(at(`${MON} 09:00`)).minus({ hours: 24, minutes: 1 }).toISO()!;
  const quiet = [
    meeting(MON, '08:00', '09:00', { seriesId: 's', attendeeCount: 4, hasDescription: false }), // 4 people
    meeting(MON, '09:00', '10:00', { seriesId: 's2' }), // exactly 60 min
    meeting(MON, '10:00', '10:30', { attendeeCount: 8, selfOptional: true }), // 8 people
    meeting(MON, '13:00', '14:00', { attendeeCount: 12, selfOptional: true, organizerIsSelf: true }), // own meeting
    meeting(MON, '14:00', '15:00', { createdAt: created }), // 24 h 1 min notice
    meeting(MON, '15:00', '17:00'), // ends exactly at the end of the day
  ];
  t.same(flagsOf(quiet), []);
});

t.test("double booking: the leader's own meeting is kept, the other declined, the overlap given back once", async (t) => {
  const flags = flagsOf([
    meeting(MON, '09:00', '10:00', { providerEventId: 'theirs' }),
    meeting(MON, '09:30', '10:30', { organizerIsSelf: true, selfResponse: 'organizer', providerEventId: 'mine' }),
    meeting(MON, '13:00', '14:00'),
  ]);
  t.same(flags.map((f) => [f.providerEventId, f.reasons, f.action, f.keepInstead, f.minutesBack]), [
    ['theirs', ['double_booked'], 'decline', 'mine', 30],
  ]);
});

t.test("double booking between two of the leader's own meetings: the one given up is handed over", async (t) => {
  const flags = flagsOf([
    meeting(MON, '09:00', '10:00', { organizerIsSelf: true, selfResponse: 'organizer', attendeeCount: 6, providerEventId: 'big' }),
    meeting(MON, '09:30', '10:30', { organizerIsSelf: true, selfResponse: 'organizer', attendeeCount: 3, providerEventId: 'small' }),
  ]);
  t.same(flags.map((f) => [f.providerEventId, f.action, f.keepInstead]), [['big', 'hand_over', 'small']]);
});

t.test('one flag per meeting with every reason; the strongest action wins and leads the reasons', async (t) => {
  const flags = flagsOf([
    meeting(MON, '16:00', '17:30', {
      seriesId: 'weekly',
      attendeeCount: 10,
      hasDescription: false,
      selfResponse: 'needsAction',
    }),
  ]);
  t.equal(flags.length, 1);
  // Half an hour past 17:00 is a third of the meeting: it is moved, not declined, and meeting less often wins.
  t.same(flags[0]!.reasons, ['recurring_no_agenda', 'after_hours', 'long_recurring', 'unanswered']);
  t.equal(flags[0]!.action, 'make_less_frequent');
  t.same(flags[0]!.suggestion, { fromMinutes: 90, toMinutes: 45 });
  t.equal(flags[0]!.minutesBack, 45);
  t.equal(flags[0]!.seriesId, 'weekly');
  t.equal(flags[0]!.upcoming, true);
});

t.test('make less frequent beats shorten and gives back half', async (t) => {
  const [flag] = flagsOf([meeting(MON, '09:00', '10:30', { seriesId: 's', attendeeCount: 6, hasDescription: false })]);
  t.equal(flag!.action, 'make_less_frequent');
  t.same(flag!.reasons, ['recurring_no_agenda', 'long_recurring']);
  t.same(flag!.suggestion, { fromMinutes: 90, toMinutes: 45 });
});

t.test('upcoming is false for meetings already started at now', async (t) => {
  const flags = analyseWeek({
    events: [meeting(MON, '17:00', '18:00')],
    profile: profile(),
    week: WEEK,
    now: at(`${MON} 17:30`),
  }).flags;
  t.equal(flags[0]!.upcoming, false);
});

t.test('shortened lengths step one standard length down', async (t) => {
  t.same([61, 75, 90, 120, 150, 180, 300].map(shortenedLength), [60, 60, 60, 90, 120, 120, 240]);
  t.equal(shortenedLength(10), 10, 'never longer than the meeting');
});
