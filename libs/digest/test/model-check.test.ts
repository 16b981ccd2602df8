// A model that breaks the schema or the rules around it is refused with the path of the fault, before anything is composed.
import t from 'tap';
import { checkDigestModel, composeDigest, type DigestModel, DigestModelError } from '../src/index.js';
import { swedishModel } from './fixtures/digest-models.js';

const faults: Array<[string, (m: DigestModel) => unknown, string]> = [
  ['an unknown property', (m) => ({ ...m, attendees: ['anna@example.se'] }), '/attendees'],
  ['an unknown locale', (m) => ({ ...m, locale: 'de' }), '/locale'],
  ['an index above 100', (m) => ({ ...m, headline: { ...m.headline, firefightingIndex: { value: 101, change: null } } }), '/headline/firefightingIndex/value'],
  ['an unknown action', (m) => ({ ...m, challenges: [{ ...m.challenges[0]!, action: 'ignore' }] }), '/challenges/0/action'],
  ['attendee names', (m) => ({ ...m, challenges: [{ ...m.challenges[0]!, attendees: ['Bo'] }] }), '/challenges/0/attendees'],
  ['an empty title', (m) => ({ ...m, challenges: [{ ...m.challenges[0]!, title: '' }] }), '/challenges/0/title'],
  ['no minutes back', (m) => ({ ...m, challenges: [{ ...m.challenges[0]!, minutesBack: 0 }] }), '/challenges/0/minutesBack'],
  ['a time that is not HH:mm', (m) => ({ ...m, challenges: [{ ...m.challenges[0]!, start: '9:00' }] }), '/challenges/0/start'],
  ['a meeting that ends before it starts', (m) => ({ ...m, challenges: [{ ...m.challenges[0]!, start: '14:00', end: '13:00' }] }), '/challenges/0'],
  ['a meeting outside the week', (m) => ({ ...m, challenges: [{ ...m.challenges[0]!, date: '2026-12-14' }] }), '/challenges/0/date'],
  ['a date that does not exist', (m) => ({ ...m, days: [{ date: '2026-12-32', meetingHours: 1 }] }), '/days/0/date'],
  ['the same day twice', (m) => ({ ...m, days: [m.days[0]!, m.days[0]!] }), '/days/1/date'],
  ['no days at all', (m) => ({ ...m, days: [] }), '/days'],
  ['a week that starts on a Tuesday', (m) => ({ ...m, week: { ...m.week, from: '2026-12-08' } }), '/week/from'],
  ['a week that ends on a Saturday', (m) => ({ ...m, week: { ...m.week, to: '2026-12-12' } }), '/week/to'],
  ['an ISO week the year does not have', (m) => ({ ...m, week: { isoWeek: '2025-W53', from: '2025-12-29', to: '2026-01-04' } }), '/week/isoWeek'],
  ['a booked block outside the week', (m) => ({ ...m, ledartid: { booked: [{ date: '2026-12-06', start: '08:00', end: '09:00' }], proposals: [] } }), '/ledartid/booked/0/date'],
  ['a proposal without a link', (m) => ({ ...m, ledartid: { booked: [], proposals: [{ date: '2026-12-07', start: '08:00', end: '09:00' }] } }), '/ledartid/proposals/0/bookUrl'],
  ['a held step with nothing said about it', (m) => ({ ...m, step: { ...m.step, previous: { outcome: 'held' } } }), '/step/previous/summary'],
  ['a missing unsubscribe link', (m) => ({ ...m, links: { changeSchedule: m.links.changeSchedule, console: m.links.console } }), '/links/unsubscribe'],
];

for (const [what, fault, path] of faults) {
  t.test(`refused: ${what}`, async (t) => {
    const model = fault(swedishModel());
    t.throws(() => checkDigestModel(model), { name: 'DigestModelError', code: 'DIGEST_ERR_INVALID_MODEL', path });
    await t.rejects(composeDigest(model as DigestModel), DigestModelError, 'composeDigest checks too');
  });
}

t.test('accepted: the week that crosses a year, in a year with 53 weeks', async (t) => {
  const base = swedishModel();
  const model: DigestModel = {
    ...base,
    week: { isoWeek: '2026-W53', from: '2026-12-28', to: '2027-01-03' },
    headline: { ...base.headline, week: '2026-W53' },
    days: [
      { date: '2026-12-28', meetingHours: 2 },
      { date: '2027-01-01', meetingHours: 0 },
    ],
    challenges: [{ ...base.challenges[0]!, date: '2026-12-29' }],
    ledartid: { booked: [{ date: '2027-01-02', start: '09:00', end: '24:00' }], proposals: [] },
  };
  t.equal(checkDigestModel(model), model);
  const digest = await composeDigest(model);
  t.match(digest.text, 'Vecka 53 · 28 december 2026 – 3 januari 2027');
  t.match(digest.text, 'Lördag 2 januari, 09:00–24:00');
});
