// What the digest says, per language: every sentence the leader reads, written for that language, not translated.
import type { ChallengeAction, StepOutcome } from '../digest-model.js';

export type ChangeKind = 'hours' | 'points';

export type Voice = {
  /** Top line above the greeting. */
  brand: string;
  weekLine(week: number, dates: string): string;
  /** The subject: never any untrusted text. */
  subject(p: { week: number; challenges: number; back: string }): string;
  greeting(firstName: string | undefined): string;
  /** The opening line when the analysis gave no verdict: meeting hours and their change. */
  lede(p: { hours: number; change: number | null; ahead: boolean }): string;

  figuresHeading(p: { week: number; ahead: boolean }): string;
  meetingsLabel: string;
  focusLabel: string;
  firefightingLabel: string;
  indexValue(value: string): string;
  ledartidLabel: string;
  ledartidValue(kept: string, goal: string): string;
  /** "4 h mer än vanligt"; undefined when there is nothing to compare with. */
  change(kind: ChangeKind, change: number | null, magnitude: string): string | undefined;
  comparisonNote(weeks: number): string;

  pictureHeading: string;
  pictureAlt(week: number, days: string): string;
  pictureCaption(p: { heaviestDay: string; heaviestHours: string; withWorkingDay: boolean }): string;

  challengesHeading: string;
  challengesIntro(count: number): string;
  noChallenges: string;
  attendees(count: number): string;
  recurring: string;
  action(action: ChallengeAction): string;
  suggestion(action: string, back: string): string;
  challengesTotal(total: string, count: number): string;

  ledartidHeading: string;
  bookedIntro: string;
  bookedOutro(booked: string, goal: string): string;
  proposalsIntro: string;
  bookLabel(day: string, times: string): string;
  nothingBooked(haveChallenges: boolean): string;

  stepHeading: string;
  previousStep(outcome: Exclude<StepOutcome, 'none'>, summary: string): string;
  previousLabel: string;

  consoleLabel: string;
  footerWhy: string;
  changeScheduleLabel: string;
  unsubscribeLabel: string;
};
