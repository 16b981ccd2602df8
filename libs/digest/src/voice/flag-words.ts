// The insight core's flag reasons and actions in the digest's words, so every caller says them the same way.
import type { FlagAction, FlagReason } from '@ledarsteg/contracts';
import type { ChallengeAction, DigestLocale } from '../digest-model.js';

const REASONS: Record<DigestLocale, Record<FlagReason, string>> = {
  sv: {
    recurring_no_agenda: 'Återkommande möte utan agenda.',
    long_recurring: 'Ett långt möte som kommer tillbaka gång på gång.',
    large_passive: 'Ett stort möte där du mest lyssnar.',
    short_notice: 'Bokades med kort varsel.',
    after_hours: 'Ligger utanför din arbetstid.',
    double_booked: 'Krockar med en annan bokning.',
    unanswered: 'Du har inte svarat på inbjudan.',
    overlaps_ledartid: 'Tar tid från din ledartid.',
  },
  en: {
    recurring_no_agenda: 'A recurring meeting without an agenda.',
    long_recurring: 'A long meeting that keeps coming back.',
    large_passive: 'A big meeting where you mostly listen.',
    short_notice: 'Booked at short notice.',
    after_hours: 'Falls outside your working hours.',
    double_booked: 'Clashes with another booking.',
    unanswered: 'You have not answered the invitation.',
    overlaps_ledartid: 'Eats into your time to lead.',
  },
};

const ACTIONS: Record<FlagAction, ChallengeAction> = {
  decline: 'decline',
  shorten: 'shorten',
  make_less_frequent: 'thin_out',
  delegate: 'delegate',
  ask_for_agenda: 'ask_for_agenda',
};

/** A flagged meeting's reasons (strongest first) as one or two short sentences: more would bury the point. */
export function challengeReason(reasons: readonly FlagReason[], locale: DigestLocale): string {
  const words = reasons.slice(0, 2).map((reason) => REASONS[locale][reason]);
  if (words.length === 0) throw new RangeError('a flagged meeting has at least one reason');
  return words.join(' ');
}

/** The digest's action for the insight core's suggested action. */
export function challengeAction(action: FlagAction): ChallengeAction {
  return ACTIONS[action];
}
