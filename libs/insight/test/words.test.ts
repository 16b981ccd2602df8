// The words: every reason and move said in Swedish and English, the organiser's words, people time, the figures.
import type { FlagAction, FlagReason, WeekMetrics } from '@ledarsteg/contracts';
import t from 'tap';
import { analyseWeek, flagWords, hoursOf, moveWords, reasonWords, weekVerdictWords, weekVerdicts, wholeNumber, wordsOf } from '../src/index.js';
import { profile } from './fixtures/event-builder.js';

const REASONS: FlagReason[] = ['recurring_no_agenda', 'long_recurring', 'large_passive', 'short_notice', 'after_hours', 'double_booked', 'unanswered', 'overlaps_ledartid'];
const ACTIONS: FlagAction[] = ['decline', 'shorten', 'make_less_frequent', 'delegate', 'ask_for_agenda', 'cancel', 'hand_over', 'thin_out', 'send_agenda', 'move'];

t.test('every reason and move has words in both languages, for the organiser and the attendee', async (t) => {
  for (const reason of REASONS) {
    for (const action of ACTIONS) {
      for (const organiser of [false, true]) {
        for (const locale of ['sv', 'en'] as const) {
          const words = flagWords({ reasons: [reason], action, organiser }, locale);
          t.ok(words.reason.length > 10 && words.move.length > 5, `${reason}/${action}/${organiser}/${locale}`);
          t.notMatch(words.reason, /undefined/);
        }
      }
    }
  }
});

t.test("the organiser hears the organiser's reason; the two leading reasons are said, not all of them", async (t) => {
  t.equal(reasonWords({ reasons: ['short_notice'], action: 'send_agenda', organiser: true }, 'sv'), 'Du bokade det med kort varsel. De du bjuder in får lägga om sin dag. Säg åtminstone varför de ska komma.');
  t.equal(
    reasonWords({ reasons: ['recurring_no_agenda', 'long_recurring', 'unanswered'], action: 'make_less_frequent' }, 'en'),
    'A recurring meeting with many people and no agenda. A long meeting that keeps coming back.',
  );
  t.equal(moveWords({ reasons: ['after_hours'], action: 'move' }, 'sv'), 'Be den som bjudit in att flytta det in i arbetstiden.');
  t.equal(moveWords({ reasons: ['after_hours'], action: 'move', organiser: true }, 'en'), 'Move it inside working hours.');
  t.equal(reasonWords({ reasons: ['after_hours'], action: 'move' }, 'en'), 'It runs past your working hours. A few minutes over easily becomes a habit, for you and for those who watch how you work.');
  t.equal(moveWords({ reasons: ['double_booked'], action: 'decline', keepInstead: 'x' }, 'sv'), 'Tacka nej, vänligt och tydligt. Behåll det andra mötet.');
});

t.test('people time: protected in words too', async (t) => {
  const words = flagWords({ reasons: ['double_booked'], action: 'move', peopleTime: true, keepInstead: 'x' }, 'sv');
  t.match(words.reason, /tid med dina egna medarbetare/);
  t.equal(words.move, 'Flytta det till en tid då du är fri. Ställ inte in.');
});

t.test('flags alike share one words object; different flags do not', async (t) => {
  const a = wordsOf({ reasons: ['short_notice'], action: 'ask_for_agenda' });
  t.equal(wordsOf({ reasons: ['short_notice'], action: 'ask_for_agenda' }), a);
  t.not(wordsOf({ reasons: ['short_notice'], action: 'send_agenda', organiser: true }), a);
  t.ok(Object.isFrozen(a) && Object.isFrozen(a.sv));
});

t.test('numbers as each language writes them', async (t) => {
  t.equal(hoursOf(90, 'sv'), '1,5\u00a0timmar');
  t.equal(hoursOf(90, 'en'), '1.5\u00a0hours');
  t.equal(hoursOf(60, 'sv'), '1\u00a0timme');
  t.equal(hoursOf(45, 'en'), '45\u00a0minutes');
  t.equal(hoursOf(1500, 'en'), '25\u00a0hours');
  t.equal(wholeNumber(12345, 'sv'), '12\u00a0345');
  t.equal(wholeNumber(12345, 'en'), '12,345');
});

const base: WeekMetrics = analyseWeek({ events: [], profile: profile(), week: '2026-W48', now: '2026-11-20T08:00:00Z' }).metrics;
const kinds = (m: Partial<WeekMetrics>) => weekVerdicts({ ...base, ...m }).map((v) => v.kind);

t.test('week verdicts at their thresholds', async (t) => {
  t.same(kinds({ focusMinutes: 600 }), [], 'a calm week with ten hours of focus has no verdict');
  t.same(kinds({ focusMinutes: 600, meetingMinutes: 1200 }), [], '20 hours of meetings is not yet overload');
  t.same(kinds({ focusMinutes: 600, meetingMinutes: 1201 }), ['overload']);
  t.same(kinds({ focusMinutes: 599 }), ['little_focus']);
  t.same(kinds({ focusMinutes: 600, fragmentedDays: 1 }), []);
  t.same(kinds({ focusMinutes: 600, fragmentedDays: 2 }), ['fragmented_days']);
  t.same(kinds({ focusMinutes: 600, backToBack: { chains: 1, minutes: 119, longestMinutes: 119 } }), []);
  t.same(kinds({ focusMinutes: 600, backToBack: { chains: 1, minutes: 120, longestMinutes: 120 } }), ['back_to_back']);
  t.same(kinds({ focusMinutes: 600, recurringShare: 0.5 }), []);
  t.same(kinds({ focusMinutes: 600, recurringShare: 0.51 }), ['recurring_heavy']);
  t.same(kinds({ focusMinutes: 600, tentative: { count: 2, minutes: 90 } }), ['tentative_uncounted']);
  t.same(kinds({ workingMinutes: 300, focusMinutes: 0 }), [], 'focus is not judged in a week with less working time than the bar');
});

t.test('each verdict says its figure and one move, in both languages', async (t) => {
  const m: WeekMetrics = {
    ...base,
    meetingMinutes: 1530,
    focusMinutes: 240,
    fragmentedDays: 3,
    backToBack: { chains: 2, minutes: 400, longestMinutes: 210 },
    recurringShare: 0.62,
    tentative: { count: 2, minutes: 90 },
  };
  const said = Object.fromEntries(weekVerdicts(m).map((v) => [v.kind, v.words]));
  t.same(Object.keys(said), ['overload', 'little_focus', 'fragmented_days', 'back_to_back', 'recurring_heavy', 'tentative_uncounted']);
  t.match(said.overload!.sv.reason, /25,5\u00a0timmar möten/);
  t.match(said.overload!.en.reason, /25.5\u00a0hours of meetings/);
  t.match(said.little_focus!.sv.reason, /Bara 4\u00a0timmar fokustid/);
  t.match(said.fragmented_days!.en.reason, /^3 days/);
  t.match(said.back_to_back!.sv.reason, /3,5\u00a0timmar/);
  t.match(said.recurring_heavy!.sv.reason, /^62\u00a0%/);
  t.match(said.tentative_uncounted!.sv.reason, /^2 möten \(1,5\u00a0timmar\)/);
  for (const words of Object.values(said)) t.ok(words!.sv.move.length > 10 && words!.en.move.length > 10);
  t.equal(weekVerdictWords('overload', m), weekVerdictWords('overload', { ...m, meetingMinutes: 1531 }), 'built once per figure as shown');
});
