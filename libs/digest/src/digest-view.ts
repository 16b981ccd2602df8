// The digest in words: the model turned into the sentences both parts show, in the leader's language, in reading order.
import type { Challenge, DigestModel } from './digest-model.js';
import {
  formatDateRange,
  formatDay,
  formatHours,
  formatMinutes,
  formatNumber,
  formatShortDay,
  formatTimes,
  weekdayName,
  weekNumber,
} from './locale-format.js';
import { oneLine } from './text-safety.js';
import { english } from './voice/english.js';
import { swedish } from './voice/swedish.js';
import type { Voice } from './voice/voice.js';

export type Figure = { value: string; label: string; change?: string };
export type ViewLink = { label: string; url: string };
export type ChallengeView = { title: string; when: string; details: string[]; reason: string; suggestion: string };

/** Plain strings, not yet escaped: the HTML layout escapes each one, the text part uses them as they are. */
export type DigestView = {
  lang: 'sv' | 'en';
  subject: string;
  preheader: string;
  brand: string;
  weekLine: string;
  greeting: string;
  lede: string;
  figures: { heading: string; items: Figure[]; note: string };
  picture: { heading: string; alt: string; caption: string; days: Array<{ label: string; hours: string }> };
  challenges: { heading: string; intro: string; items: ChallengeView[]; total?: string };
  ledartid: { heading: string; booked: string[]; bookedIntro?: string; bookedOutro?: string; proposalsIntro?: string; proposals: ViewLink[]; empty?: string };
  step: { heading: string; thisWeek: string; previousLabel?: string; previous?: string };
  console: ViewLink;
  footer: { why: string; changeSchedule: ViewLink; unsubscribe: ViewLink };
};

const VOICES: Record<DigestModel['locale'], Voice> = { sv: swedish, en: english };

const minutesBetween = (start: string, end: string): number =>
  Number(end.slice(0, 2)) * 60 + Number(end.slice(3, 5)) - (Number(start.slice(0, 2)) * 60 + Number(start.slice(3, 5)));

/** Most minutes back first; the same minutes in calendar order, so equal models always read the same. */
export function challengeOrder(a: Challenge, b: Challenge): number {
  return b.minutesBack - a.minutesBack || a.date.localeCompare(b.date) || a.start.localeCompare(b.start) || a.title.localeCompare(b.title);
}

export function buildView(model: DigestModel): DigestView {
  const locale = model.locale;
  const voice = VOICES[locale];
  const week = weekNumber(model.week.isoWeek);
  const h = model.headline;
  const ahead = h.week === model.week.isoWeek;
  const hours = (value: number) => formatHours(value, locale);
  const hoursChange = (change: number | null) => voice.change('hours', change, hours(Math.abs(change ?? 0)));

  const challenges = [...model.challenges].sort(challengeOrder);
  const totalBack = challenges.reduce((sum, c) => sum + c.minutesBack, 0);
  const firstName = model.firstName === undefined ? undefined : oneLine(model.firstName) || undefined;

  const days = [...model.days].sort((a, b) => a.date.localeCompare(b.date));
  const heaviest = days.reduce((max, d) => (d.meetingHours > max.meetingHours ? d : max), days[0]!);
  const dayList = days.map((d) => `${weekdayName(d.date, locale)} ${hours(d.meetingHours)}`).join(', ');

  const bookedMinutes = model.ledartid.booked.reduce((sum, s) => sum + minutesBetween(s.start, s.end), 0);
  const lede = model.verdict !== undefined ? oneLine(model.verdict) : voice.lede({ hours: h.meetingHours.hours, change: h.meetingHours.change, ahead });

  return {
    lang: locale,
    subject: voice.subject({ week, challenges: challenges.length, back: formatMinutes(totalBack) }),
    preheader: lede,
    brand: voice.brand,
    weekLine: voice.weekLine(week, formatDateRange(model.week.from, model.week.to, locale)),
    greeting: voice.greeting(firstName),
    lede,
    figures: {
      heading: voice.figuresHeading({ week: weekNumber(h.week), ahead }),
      items: [
        { value: hours(h.meetingHours.hours), label: voice.meetingsLabel, change: hoursChange(h.meetingHours.change) },
        { value: hours(h.focusHours.hours), label: voice.focusLabel, change: hoursChange(h.focusHours.change) },
        {
          value: voice.indexValue(formatNumber(h.firefightingIndex.value, locale, 0)),
          label: voice.firefightingLabel,
          change: voice.change('points', h.firefightingIndex.change, formatNumber(Math.abs(h.firefightingIndex.change ?? 0), locale, 0)),
        },
        {
          value: voice.ledartidValue(formatNumber(h.ledartidKept.hours, locale), hours(h.ledartidKept.goalHours)),
          label: voice.ledartidLabel,
          change: hoursChange(h.ledartidKept.change),
        },
      ].map(({ change, ...rest }) => (change === undefined ? rest : { ...rest, change })),
      note: voice.comparisonNote(h.comparedWithWeeks),
    },
    picture: {
      heading: voice.pictureHeading,
      alt: voice.pictureAlt(week, dayList),
      caption: voice.pictureCaption({
        heaviestDay: weekdayName(heaviest.date, locale),
        heaviestHours: hours(heaviest.meetingHours),
        withWorkingDay: days.some((d) => d.workingHours !== undefined),
      }),
      days: days.map((d) => ({ label: weekdayName(d.date, locale), hours: hours(d.meetingHours) })),
    },
    challenges: {
      heading: voice.challengesHeading,
      intro: challenges.length === 0 ? voice.noChallenges : voice.challengesIntro(challenges.length),
      items: challenges.map((c) => ({
        title: oneLine(c.title),
        when: `${formatDay(c.date, locale)}, ${formatTimes(c.start, c.end)}`,
        details: [
          ...(c.attendeeCount !== undefined ? [voice.attendees(c.attendeeCount)] : []),
          ...(c.recurring ? [voice.recurring] : []),
        ],
        reason: oneLine(c.reason),
        suggestion: voice.suggestion(c.move === undefined ? voice.action(c.action) : oneLine(c.move), formatMinutes(c.minutesBack)),
      })),
      ...(challenges.length > 0 ? { total: voice.challengesTotal(formatMinutes(totalBack), challenges.length) } : {}),
    },
    ledartid: {
      heading: voice.ledartidHeading,
      booked: [...model.ledartid.booked]
        .sort((a, b) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start))
        .map((s) => `${formatDay(s.date, locale)}, ${formatTimes(s.start, s.end)}`),
      ...(model.ledartid.booked.length > 0
        ? {
            bookedIntro: voice.bookedIntro,
            bookedOutro: voice.bookedOutro(formatMinutes(bookedMinutes), hours(h.ledartidKept.goalHours)),
          }
        : {}),
      ...(model.ledartid.proposals.length > 0 ? { proposalsIntro: voice.proposalsIntro } : {}),
      proposals: [...model.ledartid.proposals]
        .sort((a, b) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start))
        .map((p) => ({ label: voice.bookLabel(formatShortDay(p.date, locale), formatTimes(p.start, p.end)), url: p.bookUrl })),
      ...(model.ledartid.booked.length === 0 && model.ledartid.proposals.length === 0
        ? { empty: voice.nothingBooked(challenges.length > 0) }
        : {}),
    },
    step: {
      heading: voice.stepHeading,
      thisWeek: oneLine(model.step.thisWeek),
      ...(model.step.previous.outcome !== 'none' && model.step.previous.summary !== undefined
        ? {
            previousLabel: voice.previousLabel,
            previous: voice.previousStep(model.step.previous.outcome, oneLine(model.step.previous.summary)),
          }
        : {}),
    },
    console: { label: voice.consoleLabel, url: model.links.console },
    footer: {
      why: voice.footerWhy,
      changeSchedule: { label: voice.changeScheduleLabel, url: model.links.changeSchedule },
      unsubscribe: { label: voice.unsubscribeLabel, url: model.links.unsubscribe },
    },
  };
}
