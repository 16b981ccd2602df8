// The week's one small step, chosen from the leader's own pattern, and how last week's step went. Pure.
import type { WeekCompleted } from '@ledarsteg/contracts';
import type { DigestLocale, StepOutcome } from '@ledarsteg/digest';

export type StepId = 'agenda' | 'after_hours' | 'back_to_back' | 'short_notice' | 'protect_ledartid' | 'one_challenge';

/** The step chosen for a week and the number it is measured by, kept with the sent digest for next week's review. */
export interface ChosenStep {
  id: StepId;
  /** The step's measure in the week as it looked when the step was chosen. */
  measure: number;
}

interface StepDefinition {
  /** How strongly the week shows the pattern the step works on; 0 when not at all. */
  weight(week: WeekCompleted, goalMinutes: number): number;
  /** The number the step should bring down in the week. */
  measure(week: WeekCompleted, goalMinutes: number): number;
  words: Record<DigestLocale, { thisWeek: string; was: string }>;
}

const flagsWith = (week: WeekCompleted, reason: string) => (week.flags ?? []).filter((f) => f.reasons.includes(reason as never)).length;

const STEPS: Record<StepId, StepDefinition> = {
  agenda: {
    weight: (w) => flagsWith(w, 'recurring_no_agenda') * 1.2,
    measure: (w) => flagsWith(w, 'recurring_no_agenda'),
    words: {
      sv: {
        thisWeek: 'Be om en agenda till veckans återkommande möten innan de börjar. Kommer ingen, tacka nej och säg varför.',
        was: 'Du skulle be om en agenda till de återkommande mötena, och tacka nej där ingen kom.',
      },
      en: {
        thisWeek: 'Ask for an agenda for this week’s recurring meetings before they start. If none comes, decline and say why.',
        was: 'You were going to ask for an agenda for the recurring meetings, and decline where none came.',
      },
    },
  },
  after_hours: {
    weight: (w) => (w.analysis?.metrics.afterHoursMinutes ?? 0) / 60,
    measure: (w) => w.analysis?.metrics.afterHoursMinutes ?? 0,
    words: {
      sv: {
        thisWeek: 'Sluta i tid tre dagar den här veckan. Säg nej till möten som läggs efter din arbetsdag, och föreslå en tid inom den.',
        was: 'Du skulle sluta i tid tre dagar och flytta möten som lades efter arbetsdagen.',
      },
      en: {
        thisWeek: 'Finish on time three days this week. Turn down meetings set after your working day and offer a time inside it.',
        was: 'You were going to finish on time three days and move meetings set after your working day.',
      },
    },
  },
  back_to_back: {
    weight: (w) => (w.analysis?.metrics.backToBack.chains ?? 0) / 2,
    measure: (w) => w.analysis?.metrics.backToBack.chains ?? 0,
    words: {
      sv: {
        thisWeek: 'Korta tre möten som ligger i rad med tio minuter. Den luften är din tid att tänka efter innan nästa.',
        was: 'Du skulle korta möten som låg i rad, så att det blev luft emellan.',
      },
      en: {
        thisWeek: 'Shorten three back-to-back meetings by ten minutes. That gap is your time to think before the next one.',
        was: 'You were going to shorten back-to-back meetings to leave room in between.',
      },
    },
  },
  short_notice: {
    weight: (w) => (w.analysis?.metrics.notice.upTo6h ?? 0) / 60,
    measure: (w) => w.analysis?.metrics.notice.upTo6h ?? 0,
    words: {
      sv: {
        thisWeek: 'Fråga ”kan det vänta till i morgon?” varje gång någon bokar dig samma dag. Oftast kan det det.',
        was: 'Du skulle fråga om möten som bokades samma dag kunde vänta.',
      },
      en: {
        thisWeek: 'Ask “can this wait until tomorrow?” each time someone books you for the same day. Usually it can.',
        was: 'You were going to ask whether same-day meetings could wait.',
      },
    },
  },
  protect_ledartid: {
    weight: (w, goal) => (goal > 0 ? Math.max(0, goal - w.ledartid.keptMinutes) / 60 : 0),
    measure: (w, goal) => Math.max(0, goal - w.ledartid.keptMinutes),
    words: {
      sv: {
        thisWeek: 'Boka din ledartid innan veckan börjar, och låt den stå kvar när någon vill ha tiden. Flytta den hellre än att stryka den.',
        was: 'Du skulle boka din ledartid i förväg och låta den stå kvar.',
      },
      en: {
        thisWeek: 'Book your leadership time before the week starts, and keep it when someone wants the slot. Move it rather than drop it.',
        was: 'You were going to book your leadership time ahead and keep it.',
      },
    },
  },
  one_challenge: {
    weight: (w) => ((w.flags ?? []).reduce((sum, f) => sum + f.minutesBack, 0) / 60) * 0.5,
    measure: (w) => (w.flags ?? []).reduce((sum, f) => sum + f.minutesBack, 0),
    words: {
      sv: {
        thisWeek: 'Ta det möte i listan som ger mest tid tillbaka och gör det som föreslås, före onsdag. Skriv en rad till arrangören om varför.',
        was: 'Du skulle göra något åt det möte som gav mest tid tillbaka.',
      },
      en: {
        thisWeek: 'Take the meeting in the list that gives back the most time and do what is suggested, before Wednesday. Write the organiser one line on why.',
        was: 'You were going to act on the meeting that gave back the most time.',
      },
    },
  },
};

const ORDER = Object.keys(STEPS) as StepId[];

/** The step for the week ahead: the pattern that weighs most in it; ties go to the step listed first. */
export function chooseStep(ahead: WeekCompleted, goalMinutes: number): ChosenStep {
  let best: StepId = 'one_challenge';
  let bestWeight = 0;
  for (const id of ORDER) {
    const weight = STEPS[id].weight(ahead, goalMinutes);
    if (weight > bestWeight) {
      best = id;
      bestWeight = weight;
    }
  }
  return { id: best, measure: STEPS[best].measure(ahead, goalMinutes) };
}

export function stepWords(id: StepId, locale: DigestLocale): string {
  return STEPS[id].words[locale].thisWeek;
}

/**
 * How last week's step went: held when the week as it turned out measures lower than it did when the step was chosen
 * (or nothing is left to bring down); none when there was no step or the week was never analysed.
 */
export function reviewStep(
  previous: ChosenStep | undefined,
  lastWeek: WeekCompleted | undefined,
  goalMinutes: number,
  locale: DigestLocale,
): { outcome: StepOutcome; summary?: string } {
  if (!previous || !lastWeek || !(previous.id in STEPS)) return { outcome: 'none' };
  const now = STEPS[previous.id].measure(lastWeek, goalMinutes);
  const outcome: StepOutcome = now === 0 || now < previous.measure ? 'held' : 'slipped';
  return { outcome, summary: STEPS[previous.id].words[locale].was };
}
