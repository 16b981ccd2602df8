// From the notifier's projections to the composer's DigestModel: every number, word and link for one leader and week. Pure.
import { isoWeekBounds, type LedartidProposal, type WeekCompleted, type WorkingDay } from '@ledarsteg/contracts';
import { type Challenge, challengeAction, challengeMove, challengeReason, type DigestLocale, type DigestModel } from '@ledarsteg/digest';
import { DateTime } from 'luxon';
import { type ChosenStep, chooseStep, reviewStep, stepWords } from './small-step.js';

export interface DigestSources {
  locale: DigestLocale;
  displayName?: string | undefined;
  timeZone: string;
  workingHours: WorkingDay[];
  goalMinutes: number;
  autoBook: boolean;
  /** The week the digest covers, and its analysis. */
  week: string;
  ahead: WeekCompleted;
  /** Analyses of up to four weeks before the week ahead (the last of them is last week). */
  previous: WeekCompleted[];
  /** Last week's step, as recorded with last week's digest. */
  previousStep?: ChosenStep | undefined;
  proposal?: LedartidProposal | undefined;
  /** Ledartid blocks in the calendar during the week ahead. */
  booked: { start: Date; end: Date }[];
  links: { unsubscribe: string; changeSchedule: string; console: string; book: (slot: { start: string; end: string }) => string };
  /** Meetings that start before this are no longer worth challenging. */
  now: Date;
}

const MAX_CHALLENGES = 12;
const MAX_PROPOSALS = 5;
const MAX_BOOKED = 10;
const UNTITLED: Record<DigestLocale, string> = { sv: '(möte utan rubrik)', en: '(meeting without a title)' };

const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;
const clampHours = (minutes: number) => Math.min(168, hours(minutes));
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
/** Value minus the mean of earlier weeks, rounded; null without earlier weeks. */
const change = (value: number, earlier: number[]) => (earlier.length === 0 ? null : Math.round((value - mean(earlier)) * 10) / 10);

function local(instant: string | Date, zone: string): DateTime {
  return (typeof instant === 'string' ? DateTime.fromISO(instant) : DateTime.fromJSDate(instant)).setZone(zone);
}

function workingMinutesOf(weekday: number, days: WorkingDay[]): number | undefined {
  const windows = days.filter((d) => d.weekday === weekday);
  if (windows.length === 0) return undefined;
  const toMin = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return windows.reduce((sum, d) => sum + Math.max(0, toMin(d.end) - toMin(d.start)), 0);
}

function dayLoads(s: DigestSources): DigestModel['days'] {
  const given = new Map((s.ahead.days ?? []).map((d) => [d.date, d.meetingMinutes]));
  const { start } = isoWeekBounds(s.week, s.timeZone);
  const days: DigestModel['days'] = [];
  for (let i = 0; i < 7; i++) {
    const day = start.plus({ days: i });
    const date = day.toFormat('yyyy-MM-dd');
    const working = workingMinutesOf(day.weekday, s.workingHours);
    const meeting = given.get(date) ?? 0;
    // Days off with nothing on them are left out of the picture; a weekend meeting still shows.
    if (working === undefined && meeting === 0) continue;
    days.push({ date, meetingHours: clampHours(meeting), ...(working === undefined ? {} : { workingHours: clampHours(working) }) });
  }
  if (days.length === 0) days.push({ date: start.toFormat('yyyy-MM-dd'), meetingHours: 0 });
  return days;
}

function challenges(s: DigestSources): Challenge[] {
  const titles = s.ahead.titles ?? {};
  const series = new Map((s.ahead.analysis?.flags ?? []).map((f) => [f.providerEventId, f.seriesId !== undefined]));
  return (s.ahead.flags ?? [])
    .filter((f) => Date.parse(f.start) > s.now.getTime() && Math.round(f.minutesBack) >= 1)
    .sort((a, b) => b.minutesBack - a.minutesBack || a.start.localeCompare(b.start))
    .slice(0, MAX_CHALLENGES)
    .map((f) => {
      const start = local(f.start, s.timeZone);
      const title = (f.title ?? titles[f.providerEventId] ?? '').trim();
      const recurring = series.get(f.providerEventId);
      return {
        title: (title || UNTITLED[s.locale]).slice(0, 500),
        date: start.toFormat('yyyy-MM-dd'),
        start: start.toFormat('HH:mm'),
        end: local(f.end, s.timeZone).toFormat('HH:mm'),
        // The whole flag: whether the leader organises it, whether it is people time, which side of a clash to keep.
        reason: challengeReason(f, s.locale),
        action: challengeAction(f.action),
        move: challengeMove(f, s.locale),
        minutesBack: Math.min(10_080, Math.round(f.minutesBack)),
        ...(recurring === undefined ? {} : { recurring }),
      };
    });
}

function ledartid(s: DigestSources): DigestModel['ledartid'] {
  const slot = (start: string | Date, end: string | Date) => {
    const from = local(start, s.timeZone);
    return { date: from.toFormat('yyyy-MM-dd'), start: from.toFormat('HH:mm'), end: local(end, s.timeZone).toFormat('HH:mm') };
  };
  const booked = s.booked.slice(0, MAX_BOOKED).map((b) => slot(b.start, b.end));
  const proposals =
    s.autoBook || !s.proposal
      ? []
      : s.proposal.slots
          .filter((p) => Date.parse(p.start) > s.now.getTime())
          .slice(0, MAX_PROPOSALS)
          .map((p) => ({ ...slot(p.start, p.end), bookUrl: s.links.book({ start: p.start, end: p.end }) }));
  return { booked, proposals };
}

/** The digest model and the step it proposes (to be stored with the send, for next week's review). */
export function buildDigestModel(s: DigestSources): { model: DigestModel; step: ChosenStep } {
  const { start, end } = isoWeekBounds(s.week, s.timeZone);
  const earlier = s.previous.slice(-4);
  const lastWeek = s.previous.find((p) => p.week === isoWeekOf7DaysBefore(start, s.timeZone));
  const step = chooseStep(s.ahead, s.goalMinutes);
  const firstName = s.displayName?.replace(/\s+/g, ' ').trim().split(' ')[0]?.slice(0, 100);
  const a = s.ahead;
  const model: DigestModel = {
    locale: s.locale,
    ...(firstName ? { firstName } : {}),
    week: { isoWeek: s.week, from: start.toFormat('yyyy-MM-dd'), to: end.minus({ days: 1 }).toFormat('yyyy-MM-dd') },
    headline: {
      week: s.week,
      comparedWithWeeks: earlier.length,
      meetingHours: { hours: clampHours(a.meetingMinutes), change: change(hours(a.meetingMinutes), earlier.map((w) => hours(w.meetingMinutes))) },
      focusHours: { hours: clampHours(a.focusMinutes), change: change(hours(a.focusMinutes), earlier.map((w) => hours(w.focusMinutes))) },
      firefightingIndex: { value: Math.round(a.firefightingIndex), change: change(a.firefightingIndex, earlier.map((w) => w.firefightingIndex)) },
      ledartidKept: {
        hours: clampHours(a.ledartid.keptMinutes),
        goalHours: clampHours(s.goalMinutes),
        change: change(hours(a.ledartid.keptMinutes), earlier.map((w) => hours(w.ledartid.keptMinutes))),
      },
    },
    days: dayLoads(s),
    challenges: challenges(s),
    ledartid: ledartid(s),
    step: {
      thisWeek: stepWords(step.id, s.locale),
      previous: reviewStep(s.previousStep, lastWeek, s.goalMinutes, s.locale),
    },
    links: { unsubscribe: s.links.unsubscribe, changeSchedule: s.links.changeSchedule, console: s.links.console },
  };
  return { model, step };
}

function isoWeekOf7DaysBefore(monday: DateTime, zone: string): string {
  const d = monday.minus({ days: 4 }).setZone(zone);
  return `${d.weekYear}-W${String(d.weekNumber).padStart(2, '0')}`;
}
