// The weekly digest as the composer receives it: every decision already taken, every reason already in words.
import { IsoWeek, LocalTime } from '@ledarsteg/contracts';
import { type Static, Type } from '@sinclair/typebox';

/** A date in the leader's own zone, YYYY-MM-DD. */
export const LocalDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

/** Text the leader or their colleagues wrote (meeting titles, names): shown escaped, never in a header. */
const UntrustedText = (maxLength: number) => Type.String({ minLength: 1, maxLength });
/** Text the caller wrote for this leader in the digest's locale (reasons, the step, the verdict). */
const Words = (maxLength: number) => Type.String({ minLength: 1, maxLength });
/** An absolute http(s) link; the composer refuses anything else. */
const Link = Type.String({ minLength: 1, maxLength: 2048 });

const Hours = Type.Number({ minimum: 0, maximum: 168 });
/** Value minus the mean of the previous weeks; null when there are no previous weeks to compare with. */
const Change = Type.Union([Type.Number({ minimum: -10_000, maximum: 10_000 }), Type.Null()]);

export const DigestLocale = Type.Union([Type.Literal('sv'), Type.Literal('en')]);
export type DigestLocale = Static<typeof DigestLocale>;

export const HoursFigure = Type.Object({ hours: Hours, change: Change }, { additionalProperties: false });
export type HoursFigure = Static<typeof HoursFigure>;

export const Headline = Type.Object(
  {
    /** The week these numbers describe (the week ahead as booked, or the week just gone: the caller decides). */
    week: IsoWeek,
    /** How many previous weeks the changes are measured against (their mean); 0 when there is no history. */
    comparedWithWeeks: Type.Integer({ minimum: 0, maximum: 4 }),
    meetingHours: HoursFigure,
    focusHours: HoursFigure,
    firefightingIndex: Type.Object(
      { value: Type.Number({ minimum: 0, maximum: 100 }), change: Change },
      { additionalProperties: false },
    ),
    ledartidKept: Type.Object(
      { hours: Hours, goalHours: Hours, change: Change },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type Headline = Static<typeof Headline>;

export const DayLoad = Type.Object(
  {
    date: LocalDate,
    meetingHours: Hours,
    /** The leader's working time that day, drawn behind the meetings; absent when not known. */
    workingHours: Type.Optional(Hours),
  },
  { additionalProperties: false },
);
export type DayLoad = Static<typeof DayLoad>;

export const ChallengeAction = Type.Union([
  Type.Literal('decline'),
  Type.Literal('shorten'),
  Type.Literal('delegate'),
  Type.Literal('thin_out'),
  Type.Literal('ask_for_agenda'),
  Type.Literal('move'),
  Type.Literal('cancel'),
  Type.Literal('hand_over'),
  Type.Literal('invite_fewer'),
  Type.Literal('send_agenda'),
]);
export type ChallengeAction = Static<typeof ChallengeAction>;

export const Challenge = Type.Object(
  {
    /** The meeting's title as it stands in the calendar: untrusted. */
    title: UntrustedText(500),
    date: LocalDate,
    start: LocalTime,
    end: LocalTime,
    /** Why this meeting is worth challenging, in plain words, in the digest's locale. */
    reason: Words(400),
    action: ChallengeAction,
    /** The move in plain words, in the digest's locale (the insight core's `moveWords`); without it the action's short form is said. */
    move: Type.Optional(Words(400)),
    /** Minutes this week the action gives back. */
    minutesBack: Type.Integer({ minimum: 1, maximum: 10_080 }),
    /** Only a count: nothing about who attends ever reaches the digest. */
    attendeeCount: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
    /** The meeting belongs to a recurring series. */
    recurring: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type Challenge = Static<typeof Challenge>;

export const LedartidSlot = Type.Object(
  { date: LocalDate, start: LocalTime, end: LocalTime },
  { additionalProperties: false },
);
export type LedartidSlot = Static<typeof LedartidSlot>;

export const LedartidProposal = Type.Object(
  {
    date: LocalDate,
    start: LocalTime,
    end: LocalTime,
    /** Signed, single-purpose, expiring link that books this slot in one click. */
    bookUrl: Link,
  },
  { additionalProperties: false },
);
export type LedartidProposal = Static<typeof LedartidProposal>;

export const StepOutcome = Type.Union([Type.Literal('held'), Type.Literal('slipped'), Type.Literal('none')]);
export type StepOutcome = Static<typeof StepOutcome>;

export const DigestModel = Type.Object(
  {
    locale: DigestLocale,
    /** The leader's first name, for the greeting only: untrusted. */
    firstName: Type.Optional(UntrustedText(100)),
    /** The week ahead: its ISO week and its Monday and Sunday in the leader's zone. */
    week: Type.Object({ isoWeek: IsoWeek, from: LocalDate, to: LocalDate }, { additionalProperties: false }),
    headline: Headline,
    /** Meeting hours per day of the week ahead, for the picture; days left out are not drawn. */
    days: Type.Array(DayLoad, { minItems: 1, maxItems: 7 }),
    /**
     * The meetings to challenge; the composer orders them by minutes given back. At most 12: more is no longer a
     * choice to make, and keeps the HTML under the 102 kB at which Gmail cuts a message off.
     */
    challenges: Type.Array(Challenge, { maxItems: 12 }),
    ledartid: Type.Object(
      {
        /** Blocks already in the calendar for the week ahead. */
        booked: Type.Array(LedartidSlot, { maxItems: 10 }),
        /** Where automatic booking is off: a handful of free slots the leader can book with one click. */
        proposals: Type.Array(LedartidProposal, { maxItems: 5 }),
      },
      { additionalProperties: false },
    ),
    step: Type.Object(
      {
        /** One concrete small step for the week ahead, chosen from the leader's own pattern. */
        thisWeek: Words(400),
        previous: Type.Object(
          {
            outcome: StepOutcome,
            /** What last week's step was and how it went, in words; absent when there was none. */
            summary: Type.Optional(Words(400)),
          },
          { additionalProperties: false },
        ),
      },
      { additionalProperties: false },
    ),
    links: Type.Object(
      {
        /** One-click unsubscribe (RFC 8058: answers a POST), also used as the footer link. */
        unsubscribe: Link,
        changeSchedule: Link,
        console: Link,
      },
      { additionalProperties: false },
    ),
    /** The week in one line, when the analysis has one to say. */
    verdict: Type.Optional(Words(300)),
  },
  { additionalProperties: false },
);
export type DigestModel = Static<typeof DigestModel>;
