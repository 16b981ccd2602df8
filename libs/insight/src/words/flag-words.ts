// A flagged meeting's reason and suggested move in plain Swedish and English, said the way a LedarSteg coach says it.
import type { FlagAction, FlagReason, MeetingFlag, ReasonAndMove, Words } from '@ledarsteg/contracts';
import type { Locale } from './locale-numbers.js';

/** Who is being spoken to: the organiser's moves and reasons differ from an attendee's. */
type Role = 'attendee' | 'organiser';

/** Each reason as a headline (said when it is one of several) and, for the leading reason, why it matters. */
type ReasonText = { head: string; why: string };

const REASONS: Record<Locale, Record<Role, Record<FlagReason, ReasonText>>> = {
  sv: {
    attendee: {
      recurring_no_agenda: {
        head: 'Ett återkommande möte med många deltagare och ingen agenda.',
        why: 'Utan agenda vet ingen riktigt varför ni ses, och då blir det lätt en vana i stället för ett beslut.',
      },
      long_recurring: {
        head: 'Ett långt möte som kommer tillbaka gång på gång.',
        why: 'Det mesta som sägs där ryms på kortare tid.',
      },
      large_passive: {
        head: 'Ett stort möte där du mest lyssnar.',
        why: 'Din närvaro gör sällan skillnad där, men din tid gör det någon annanstans.',
      },
      short_notice: {
        head: 'Bokat med kort varsel.',
        why: 'Det brådskande är inte alltid det viktiga. Fråga vad som krävs av dig innan du ger bort tiden.',
      },
      after_hours: {
        head: 'Det ligger utanför din arbetstid.',
        why: 'Vila är en del av ledarskapet, och ditt team ser vilka tider du håller.',
      },
      double_booked: {
        head: 'Det krockar med ett annat möte.',
        why: 'Du kan bara vara på ett ställe, så välj nu i stället för i dörren.',
      },
      unanswered: {
        head: 'Du har inte svarat på inbjudan.',
        why: 'Ett obesvarat möte tar tid ändå, i huvudet och för den som bjöd in.',
      },
      overlaps_ledartid: {
        head: 'Det tar tid från din ledartid.',
        why: 'Den tiden är till för det bara du kan göra. Försvara den som vilket viktigt möte som helst.',
      },
    },
    organiser: {
      recurring_no_agenda: {
        head: 'Du kallar till ett återkommande möte med många deltagare, men utan agenda.',
        why: 'Med en agenda vet alla varför de kommer, och du ser själv om mötet behövs.',
      },
      long_recurring: {
        head: 'Ditt eget återkommande möte är långt.',
        why: 'Kortare möten tvingar fram beslut, och alla runt bordet får tid tillbaka.',
      },
      large_passive: {
        head: 'Ett stort möte där många mest lyssnar.',
        why: 'De som bara lyssnar kan få ett kort referat i stället.',
      },
      short_notice: {
        head: 'Du bokade det med kort varsel.',
        why: 'De du bjuder in får lägga om sin dag. Säg åtminstone varför de ska komma.',
      },
      after_hours: {
        head: 'Du har lagt det utanför arbetstid.',
        why: 'Det gäller inte bara dig: alla du bjuder in får sin kväll kortare.',
      },
      double_booked: {
        head: 'Det krockar med ett annat möte du ska vara med på.',
        why: 'Du kan bara vara på ett ställe, och ett möte utan sin sammankallande blir sällan bra.',
      },
      unanswered: {
        head: 'Inbjudan är obesvarad.',
        why: 'Ett obesvarat möte tar tid ändå.',
      },
      overlaps_ledartid: {
        head: 'Du har själv bokat det i din ledartid.',
        why: 'Den tiden är till för det bara du kan göra. Ge den samma respekt som du ger andras möten.',
      },
    },
  },
  en: {
    attendee: {
      recurring_no_agenda: {
        head: 'A recurring meeting with many people and no agenda.',
        why: 'Without one, nobody quite knows why you meet, and it turns into a habit instead of a choice.',
      },
      long_recurring: {
        head: 'A long meeting that keeps coming back.',
        why: 'Most of what is said there fits in less time.',
      },
      large_passive: {
        head: 'A big meeting where you mostly listen.',
        why: 'Your being there rarely changes much; elsewhere your time does.',
      },
      short_notice: {
        head: 'Booked at short notice.',
        why: 'Urgent is not always important. Ask what is needed from you before you give the time away.',
      },
      after_hours: {
        head: 'It lies outside your working hours.',
        why: 'Rest is part of leading, and your team sees the hours you keep.',
      },
      double_booked: {
        head: 'It clashes with another meeting.',
        why: 'You can only be in one place, so choose now rather than at the door.',
      },
      unanswered: {
        head: 'You have not answered the invitation.',
        why: 'An open invitation takes time anyway, in your head and for whoever sent it.',
      },
      overlaps_ledartid: {
        head: 'It eats into your time to lead.',
        why: 'That time is for what only you can do. Defend it like any important meeting.',
      },
    },
    organiser: {
      recurring_no_agenda: {
        head: 'You call a recurring meeting with many people, but without an agenda.',
        why: 'With an agenda everyone knows why they come, and you see for yourself whether the meeting is needed.',
      },
      long_recurring: {
        head: 'Your own recurring meeting runs long.',
        why: 'Shorter meetings force decisions, and everyone at the table gets time back.',
      },
      large_passive: {
        head: 'A big meeting where many mostly listen.',
        why: 'Those who only listen can get a short summary instead.',
      },
      short_notice: {
        head: 'You booked it at short notice.',
        why: 'The people you invite have to rearrange their day. At least tell them why they should come.',
      },
      after_hours: {
        head: 'You have put it outside working hours.',
        why: 'Not only for you: everyone you invite gets a shorter evening.',
      },
      double_booked: {
        head: 'It clashes with another meeting you are due at.',
        why: 'You can only be in one place, and a meeting without the person who called it rarely goes well.',
      },
      unanswered: {
        head: 'The invitation is unanswered.',
        why: 'An open invitation takes time anyway.',
      },
      overlaps_ledartid: {
        head: 'You booked it into your own time to lead.',
        why: 'That time is for what only you can do. Give it the respect you give other people’s meetings.',
      },
    },
  },
};

/** An attendee's meeting that only runs a little past working hours: moved, not declined, and said so. */
const RUNS_LATE: Record<Locale, ReasonText> = {
  sv: {
    head: 'Det drar över din arbetstid.',
    why: 'Några minuter över blir lätt en vana, för dig och för dem som ser hur du gör.',
  },
  en: {
    head: 'It runs past your working hours.',
    why: 'A few minutes over easily becomes a habit, for you and for those who watch how you work.',
  },
};

/** Said last when the meeting is time with the leader's own people: the care in Tuff Omsorg. */
const PEOPLE_TIME: Record<Locale, string> = {
  sv: 'Det här är tid med dina egna medarbetare. Den ska du värna, inte välja bort.',
  en: 'This is time with your own people. Protect it; do not drop it.',
};

const MOVES: Record<Locale, Record<FlagAction, string>> = {
  sv: {
    decline: 'Tacka nej, vänligt och tydligt.',
    delegate: 'Skicka någon i ditt ställe och be om en kort sammanfattning efteråt.',
    make_less_frequent: 'Föreslå att ni glesar ut serien, till exempel varannan vecka till att börja med.',
    shorten: 'Föreslå ett kortare möte, och sluta när ni är klara.',
    ask_for_agenda: 'Be om en agenda. Kommer ingen, tacka nej.',
    cancel: 'Ställ in det. Det som måste sägas ryms ofta i ett mejl.',
    hand_over: 'Lämna över det till någon i teamet som kan leda det. Det är också ett sätt att utveckla dem.',
    thin_out: 'Bjud in färre. De som inte behövs får sin tid tillbaka och tackar dig för det.',
    send_agenda: 'Skicka en agenda, så att alla vet varför de kommer och vad som ska bestämmas.',
    move: 'Flytta det.',
  },
  en: {
    decline: 'Decline it, kindly and clearly.',
    delegate: 'Send someone in your place and ask for a short summary afterwards.',
    make_less_frequent: 'Suggest meeting less often, every other week for a start.',
    shorten: 'Propose a shorter meeting, and finish when you are done.',
    ask_for_agenda: 'Ask for an agenda. If none comes, decline.',
    cancel: 'Cancel it. What must be said often fits in an email.',
    hand_over: 'Hand it over to someone in your team who can run it. It is a way to grow them, too.',
    thin_out: 'Invite fewer people. Those not needed get their time back and will thank you for it.',
    send_agenda: 'Send an agenda, so everyone knows why they come and what is to be decided.',
    move: 'Move it.',
  },
};

/** The organiser's own version of a move where it differs from what an attendee would do. */
const ORGANISER_MOVES: Record<Locale, Partial<Record<FlagAction, string>>> = {
  sv: {
    make_less_frequent: 'Glesa ut serien, till exempel varannan vecka till att börja med.',
    shorten: 'Korta ner det och håll tiden. Sluta när ni är klara.',
  },
  en: {
    make_less_frequent: 'Meet less often: every other week for a start.',
    shorten: 'Shorten it and keep to time. Finish when you are done.',
  },
};

/** "Move it" said for why it has to move. */
const MOVE_FOR: Record<Locale, Record<Role, Partial<Record<FlagReason, string>>>> = {
  sv: {
    attendee: {
      after_hours: 'Be den som bjudit in att flytta det in i arbetstiden.',
      overlaps_ledartid: 'Be att få flytta det bort från din ledartid.',
      double_booked: 'Flytta det till en tid då du är fri. Ställ inte in.',
    },
    organiser: {
      after_hours: 'Flytta det in i arbetstiden.',
      overlaps_ledartid: 'Flytta det bort från din ledartid.',
      double_booked: 'Flytta det till en tid då du är fri. Ställ inte in.',
    },
  },
  en: {
    attendee: {
      after_hours: 'Ask whoever invited you to move it inside working hours.',
      overlaps_ledartid: 'Ask to move it away from your time to lead.',
      double_booked: 'Move it to a time you are free. Do not cancel it.',
    },
    organiser: {
      after_hours: 'Move it inside working hours.',
      overlaps_ledartid: 'Move it out of your time to lead.',
      double_booked: 'Move it to a time you are free. Do not cancel it.',
    },
  },
};

/** Said after the move when the leader should keep the other meeting of a double booking. */
const KEEP_THE_OTHER: Record<Locale, string> = {
  sv: 'Behåll det andra mötet.',
  en: 'Keep the other meeting.',
};

/** What the words depend on: a flag's reasons, action and roles. */
export type FlagWordsInput = Pick<MeetingFlag, 'reasons' | 'action' | 'organiser' | 'peopleTime' | 'keepInstead'>;

/**
 * Why the meeting is worth challenging: the leading reason with why it matters, or with several reasons the two
 * strongest as headlines (more would bury the point); for time with one's own people, a reminder to protect it.
 */
export function reasonWords(flag: FlagWordsInput, locale: Locale): string {
  const role: Role = flag.organiser === true ? 'organiser' : 'attendee';
  const table = REASONS[locale][role];
  const [first, second] = flag.reasons;
  if (first === undefined) throw new RangeError('a flagged meeting has at least one reason');
  const lead = first === 'after_hours' && flag.action === 'move' && role === 'attendee' ? RUNS_LATE[locale] : table[first];
  const text = second === undefined ? `${lead.head} ${lead.why}` : `${lead.head} ${table[second].head}`;
  return flag.peopleTime === true ? `${text} ${PEOPLE_TIME[locale]}` : text;
}

/** The one move the leader should make, as the organiser or as an attendee. */
export function moveWords(flag: FlagWordsInput, locale: Locale): string {
  const role: Role = flag.organiser === true ? 'organiser' : 'attendee';
  const primary = flag.reasons[0];
  let move: string | undefined;
  if (flag.action === 'move' && primary !== undefined) move = MOVE_FOR[locale][role][primary];
  if (move === undefined && role === 'organiser') move = ORGANISER_MOVES[locale][flag.action];
  move ??= MOVES[locale][flag.action];
  return flag.keepInstead !== undefined && primary === 'double_booked' && flag.action !== 'move'
    ? `${move} ${KEEP_THE_OTHER[locale]}`
    : move;
}

export function flagWords(flag: FlagWordsInput, locale: Locale): ReasonAndMove {
  return { reason: reasonWords(flag, locale), move: moveWords(flag, locale) };
}

const REASON_INDEX: Readonly<Record<FlagReason, number>> = {
  recurring_no_agenda: 0,
  long_recurring: 1,
  large_passive: 2,
  short_notice: 3,
  after_hours: 4,
  double_booked: 5,
  unanswered: 6,
  overlaps_ledartid: 7,
};
const ACTION_INDEX: Readonly<Record<FlagAction, number>> = {
  decline: 0,
  shorten: 1,
  make_less_frequent: 2,
  delegate: 3,
  ask_for_agenda: 4,
  cancel: 5,
  hand_over: 6,
  thin_out: 7,
  send_agenda: 8,
  move: 9,
};

/**
 * Flags alike in what the words depend on (two leading reasons, action, roles, a meeting to keep) share one frozen
 * words object, found by a small integer key: the analysis words hundreds of flags a week and builds each text once.
 */
const cache: Array<Words | undefined> = [];

/** Number of distinct `wordsKey` values. */
export const WORDS_KEYS = 5760;

/** A small integer naming what a flag's words depend on: flags with the same key say the same. */
export function wordsKey(flag: FlagWordsInput): number {
  const second = flag.reasons[1];
  return (
    REASON_INDEX[flag.reasons[0]!] +
    8 * (second === undefined ? 0 : REASON_INDEX[second] + 1) +
    72 * ACTION_INDEX[flag.action] +
    720 * (flag.organiser === true ? 1 : 0) +
    1440 * (flag.peopleTime === true ? 1 : 0) +
    2880 * (flag.keepInstead === undefined ? 0 : 1)
  );
}

/** The flag's words in every language the product speaks. */
export function wordsOf(flag: FlagWordsInput): Words {
  const key = wordsKey(flag);
  let words = cache[key];
  if (words === undefined) {
    words = Object.freeze({ sv: Object.freeze(flagWords(flag, 'sv')), en: Object.freeze(flagWords(flag, 'en')) });
    cache[key] = words;
  }
  return words;
}
