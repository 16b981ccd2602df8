// The insight core's flag reasons and actions, in the digest's words.
import t from 'tap';
import { challengeAction, challengeReason, composeDigest } from '../src/index.js';
import { swedishModel } from './fixtures/digest-models.js';

t.test('reasons in plain words, strongest two at most, in the leader language', async (t) => {
  t.equal(challengeReason(['recurring_no_agenda'], 'sv'), 'Återkommande möte utan agenda.');
  t.equal(challengeReason(['short_notice', 'after_hours', 'double_booked'], 'en'), 'Booked at short notice. Falls outside your working hours.');
  t.equal(challengeReason(['overlaps_ledartid', 'unanswered'], 'sv'), 'Tar tid från din ledartid. Du har inte svarat på inbjudan.');
  t.throws(() => challengeReason([], 'sv'), RangeError);
});

t.test("the core's actions map onto the digest's", async (t) => {
  t.equal(challengeAction('make_less_frequent'), 'thin_out');
  t.equal(challengeAction('ask_for_agenda'), 'ask_for_agenda');
  t.equal(challengeAction('decline'), 'decline');
});

t.test('the words fit the model and read in the digest', async (t) => {
  const base = swedishModel();
  const reason = challengeReason(['large_passive', 'long_recurring'], 'sv');
  const digest = await composeDigest({ ...base, challenges: [{ ...base.challenges[0]!, reason, action: challengeAction('make_less_frequent') }] });
  t.match(digest.text, `${reason}\n`);
  t.match(digest.text, 'Förslag: Glesa ut serien.');
});
