// The insight core's reasons and moves for a flagged meeting, said in the digest with the core's own words.
import { flagWords } from '@ledarsteg/insight';
import t from 'tap';
import { challengeAction, challengeMove, challengeReason, composeDigest } from '../src/index.js';
import { swedishModel } from './fixtures/digest-models.js';

t.test("reasons are the insight core's words: the leading reason and why, or the strongest two", async (t) => {
  t.equal(
    challengeReason(['recurring_no_agenda'], 'sv'),
    'Ett återkommande möte med många deltagare och ingen agenda. Utan agenda vet ingen riktigt varför ni ses, och då blir det lätt en vana i stället för ett beslut.',
  );
  t.equal(challengeReason(['short_notice', 'after_hours', 'double_booked'], 'en'), 'Booked at short notice. It lies outside your working hours.');
  t.equal(challengeReason(['overlaps_ledartid', 'unanswered'], 'sv'), 'Det tar tid från din ledartid. Du har inte svarat på inbjudan.');
  const own = { reasons: ['short_notice'] as ['short_notice'], action: 'send_agenda' as const, organiser: true };
  t.equal(challengeReason(own, 'en'), flagWords(own, 'en').reason, 'a whole flag: the organiser is spoken to as one');
  t.throws(() => challengeReason([], 'sv'), RangeError);
});

t.test("the core's actions map onto the digest's, and its moves are said as the core says them", async (t) => {
  t.equal(challengeAction('make_less_frequent'), 'thin_out');
  t.equal(challengeAction('ask_for_agenda'), 'ask_for_agenda');
  t.equal(challengeAction('decline'), 'decline');
  t.equal(challengeAction('thin_out'), 'invite_fewer');
  t.equal(challengeAction('hand_over'), 'hand_over');
  t.equal(challengeMove({ reasons: ['after_hours'], action: 'move', organiser: true }, 'sv'), 'Flytta det in i arbetstiden.');
});

t.test('the words fit the model and read in the digest', async (t) => {
  const base = swedishModel();
  const flag = { reasons: ['large_passive', 'long_recurring'] as ['large_passive', 'long_recurring'], action: 'make_less_frequent' as const };
  const reason = challengeReason(flag, 'sv');
  const move = challengeMove(flag, 'sv');
  const digest = await composeDigest({
    ...base,
    challenges: [{ ...base.challenges[0]!, reason, move, action: challengeAction('make_less_frequent') }],
  });
  t.match(digest.text, `${reason}\n`);
  t.match(digest.text, `Förslag: ${move}`);
  const short = await composeDigest({ ...base, challenges: [{ ...base.challenges[0]!, reason, action: challengeAction('make_less_frequent') }] });
  t.match(short.text, 'Förslag: Glesa ut serien.', 'without the words, the short form of the action');
});
