import t from 'tap';
import { composeDigest, DigestModel } from '@ledarsteg/digest';
import { Value } from '@sinclair/typebox/value';
import { buildDigestModel, type DigestSources } from '../src/digest/digest-model-mapping.js';
import { week14, weekCompleted } from './fixtures/weeks.js';

const ZONE = 'Europe/Stockholm';
const workingHours = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '17:00' }));

function sources(over: Partial<DigestSources> = {}): DigestSources {
  return {
    locale: 'sv',
    displayName: 'Anna Lind',
    timeZone: ZONE,
    workingHours,
    goalMinutes: 180,
    autoBook: false,
    week: '2026-W14',
    ahead: week14('u1'),
    previous: [
      weekCompleted('u1', '2026-W10', ZONE, { meetingHours: 18, focusHours: 10, index: 30, keptHours: 3 }),
      weekCompleted('u1', '2026-W11', ZONE, { meetingHours: 20, focusHours: 9, index: 35, keptHours: 2 }),
      weekCompleted('u1', '2026-W12', ZONE, { meetingHours: 22, focusHours: 8, index: 40, keptHours: 2 }),
      weekCompleted('u1', '2026-W13', ZONE, { meetingHours: 20, focusHours: 9, index: 35, keptHours: 1, afterHoursMinutes: 30 }),
    ],
    proposal: {
      week: '2026-W14', timeZone: ZONE, goalMinutes: 180, existingMinutes: 0, proposedMinutes: 180, shortfallMinutes: 0, tradeOffs: [],
      slots: [
        { start: '2026-03-30T12:00:00Z', end: '2026-03-30T13:30:00Z', day: '2026-03-30' },
        { start: '2026-04-02T06:00:00Z', end: '2026-04-02T07:30:00Z', day: '2026-04-02' },
      ],
    },
    booked: [{ start: new Date('2026-04-03T07:00:00Z'), end: new Date('2026-04-03T08:30:00Z') }],
    links: {
      unsubscribe: 'https://n.example.se/l/unsubscribe?t=u',
      changeSchedule: 'https://n.example.se/l/schedule?t=s',
      console: 'https://app.example.se/weeks/2026-W14',
      book: (slot) => `https://n.example.se/l/book?t=${encodeURIComponent(slot.start)}`,
    },
    now: new Date('2026-03-30T05:00:00Z'),
    ...over,
  };
}

t.test('the week ahead against the mean of the four weeks before it', async (t) => {
  const { model } = buildDigestModel(sources());
  t.ok(Value.Check(DigestModel, model), 'a model the composer accepts');
  t.same(model.week, { isoWeek: '2026-W14', from: '2026-03-30', to: '2026-04-05' });
  t.equal(model.firstName, 'Anna');
  t.same(model.headline.meetingHours, { hours: 24, change: 4 }, '24 h against a mean of 20 h');
  t.same(model.headline.focusHours, { hours: 6, change: -3 });
  t.same(model.headline.firefightingIndex, { value: 45, change: 10 });
  t.same(model.headline.ledartidKept, { hours: 1.5, goalHours: 3, change: -0.5 });
  t.equal(model.headline.comparedWithWeeks, 4);

  const fresh = buildDigestModel(sources({ previous: [] })).model;
  t.equal(fresh.headline.comparedWithWeeks, 0);
  t.equal(fresh.headline.meetingHours.change, null, 'no history: nothing to compare with');
});

t.test('meetings to challenge by minutes given back, in local time, titles kept as text', async (t) => {
  const { model } = buildDigestModel(sources());
  t.same(model.challenges.map((c) => [c.date, c.start, c.end, c.action, c.minutesBack]), [
    ['2026-04-01', '17:00', '18:30', 'decline', 90],
    ['2026-03-31', '09:00', '11:00', 'shorten', 60],
    ['2026-04-02', '10:00', '10:30', 'delegate', 30],
  ]);
  t.equal(model.challenges[1]!.recurring, true, 'a series is marked recurring');
  t.equal(model.challenges[1]!.reason, 'Ett långt möte som kommer tillbaka gång på gång. Ett återkommande möte med många deltagare och ingen agenda.');
  t.ok(model.challenges.every((c) => typeof c.move === 'string' && c.move.length > 0), 'each challenge says its move in words, from the insight core');
  t.equal(model.challenges[2]!.title, '(möte utan rubrik)', 'an untitled meeting still reads as one');

  const later = buildDigestModel(sources({ now: new Date('2026-04-01T12:00:00Z') })).model;
  t.same(later.challenges.map((c) => c.minutesBack), [90, 30], 'a meeting that has started is no longer offered');
});

t.test('the picture: one bar per working day, a weekend only when something is on it', async (t) => {
  const { model } = buildDigestModel(sources());
  t.same(model.days.map((d) => [d.date, d.meetingHours, d.workingHours]), [
    ['2026-03-30', 5.5, 9], ['2026-03-31', 3, 9], ['2026-04-01', 6.5, 9], ['2026-04-02', 4.5, 9], ['2026-04-03', 4.5, 9],
  ]);
  const weekend = buildDigestModel(sources({ ahead: { ...week14('u1'), days: [{ date: '2026-04-04', meetingMinutes: 60 }] } })).model;
  t.equal(weekend.days.at(-1)?.date, '2026-04-04');
});

t.test('ledartid: booked blocks always, one-click proposals only without automatic booking', async (t) => {
  const { model } = buildDigestModel(sources());
  t.same(model.ledartid.booked, [{ date: '2026-04-03', start: '09:00', end: '10:30' }]);
  t.same(model.ledartid.proposals.map((p) => [p.date, p.start, p.end]), [['2026-03-30', '14:00', '15:30'], ['2026-04-02', '08:00', '09:30']]);
  t.equal(model.ledartid.proposals[0]!.bookUrl, 'https://n.example.se/l/book?t=2026-03-30T12%3A00%3A00Z');
  t.same(buildDigestModel(sources({ autoBook: true })).model.ledartid.proposals, [], 'automatic booking books them itself');
});

t.test('the step comes from the leader’s own pattern, and last week’s is reviewed', async (t) => {
  const first = buildDigestModel(sources());
  t.equal(first.step.id, 'after_hours', 'four hours after hours weigh most this week');
  t.match(first.model.step.thisWeek, /Sluta i tid/);
  t.same(first.model.step.previous, { outcome: 'none' }, 'no step last week');

  const held = buildDigestModel(sources({ previousStep: { id: 'after_hours', measure: 120 } })).model;
  t.equal(held.step.previous.outcome, 'held', 'last week ended with 30 min after hours, down from 120');
  const slipped = buildDigestModel(sources({ previousStep: { id: 'after_hours', measure: 20 } })).model;
  t.equal(slipped.step.previous.outcome, 'slipped');

  const calm = buildDigestModel(sources({ ahead: weekCompleted('u1', '2026-W14', ZONE, { keptHours: 0 }), locale: 'en' }));
  t.equal(calm.step.id, 'protect_ledartid', 'nothing kept against a three-hour goal');
  t.match(calm.model.step.thisWeek, /Book your leadership time/);
});

t.test('both languages compose, and hostile titles stay text', async (t) => {
  for (const locale of ['sv', 'en'] as const) {
    const mail = await composeDigest(buildDigestModel(sources({ locale })).model, { chart: false });
    t.notMatch(mail.html, '<script>', `${locale}: markup in a title is escaped`);
    t.match(mail.html, '&lt;script&gt;');
    t.notMatch(mail.subject, /Bcc|Ledningsgrupp/, `${locale}: no title reaches the subject`);
  }
});
