// The insight core's reasons and moves for a flagged meeting, as the digest says them: the words live in
// @ledarsteg/insight, so the digest, the API and the console all say the same thing.
import type { FlagAction, FlagReason } from '@ledarsteg/contracts';
import { type FlagWordsInput, moveWords, reasonWords } from '@ledarsteg/insight';
import type { ChallengeAction, DigestLocale } from '../digest-model.js';

const ACTIONS: Record<FlagAction, ChallengeAction> = {
  decline: 'decline',
  shorten: 'shorten',
  make_less_frequent: 'thin_out',
  delegate: 'delegate',
  ask_for_agenda: 'ask_for_agenda',
  cancel: 'cancel',
  hand_over: 'hand_over',
  thin_out: 'invite_fewer',
  send_agenda: 'send_agenda',
  move: 'move',
};

/** A flag, or only its reasons (strongest first) when nothing else is known: then it reads as an attendee's. */
type FlagLike = FlagWordsInput | readonly FlagReason[];

const asFlag = (flag: FlagLike): FlagWordsInput =>
  Array.isArray(flag) ? { reasons: flag as FlagWordsInput['reasons'], action: 'ask_for_agenda' } : (flag as FlagWordsInput);

/** Why a flagged meeting is worth challenging, in the leader's language (the insight core's words). */
export function challengeReason(flag: FlagLike, locale: DigestLocale): string {
  return reasonWords(asFlag(flag), locale);
}

/** The one move for a flagged meeting, in the leader's language (the insight core's words). */
export function challengeMove(flag: FlagWordsInput, locale: DigestLocale): string {
  return moveWords(flag, locale);
}

/** The digest's action for the insight core's suggested action. */
export function challengeAction(action: FlagAction): ChallengeAction {
  return ACTIONS[action];
}
