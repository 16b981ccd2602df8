// Output shapes of the insight core: a week's metrics, meetings to challenge, trends and ledartid proposals.
import { type Static, Type } from '@sinclair/typebox';
import { Id, Instant, IsoWeek, TimeZone } from './primitives.js';

const Minutes = Type.Number({ minimum: 0 });
const Count = Type.Integer({ minimum: 0 });

/** Meeting minutes split by how long before the start the meeting was created. */
export const NoticeMinutes = Type.Object(
  { upTo6h: Minutes, from6to12h: Minutes, from12to24h: Minutes, over24h: Minutes },
  { additionalProperties: false },
);
export type NoticeMinutes = Static<typeof NoticeMinutes>;

export const LedartidMetrics = Type.Object(
  {
    bookedMinutes: Minutes,
    keptMinutes: Minutes,
    overwrittenMinutes: Minutes,
    /** Booked blocks found in the calendar at another time (only known when the booking history is given). */
    movedBlocks: Count,
    /** Booked blocks no longer in the calendar at all (only known when the booking history is given). */
    removedBlocks: Count,
  },
  { additionalProperties: false },
);
export type LedartidMetrics = Static<typeof LedartidMetrics>;

export const WeekMetrics = Type.Object(
  {
    week: IsoWeek,
    /** Working time of the week (working hours minus lunch): the capacity the other numbers are measured against. */
    workingMinutes: Minutes,
    meetingMinutes: Minutes,
    meetingCount: Count,
    doubleBookedMinutes: Minutes,
    oneToOneMinutes: Minutes,
    largeMeetingMinutes: Minutes,
    longMeetings: Type.Object({ count: Count, minutes: Minutes }, { additionalProperties: false }),
    /** Share (0–1) of meeting minutes that belong to a recurring series. */
    recurringShare: Type.Number({ minimum: 0, maximum: 1 }),
    focusMinutes: Minutes,
    fragmentedMinutes: Minutes,
    backToBack: Type.Object(
      {
        chains: Count,
        minutes: Minutes,
        /** The longest chain of the week, in minutes (absent in weeks analysed before it was measured). */
        longestMinutes: Type.Optional(Minutes),
      },
      { additionalProperties: false },
    ),
    /** Working days with an hour or more of gaps too short to use (absent in older weeks). */
    fragmentedDays: Type.Optional(Count),
    afterHoursMinutes: Minutes,
    notice: NoticeMinutes,
    ledartid: LedartidMetrics,
    /**
     * Meetings the leader only answered "maybe" (tentative) to, counted here and not in the meeting figures above
     * (absent in weeks analysed before they were told apart).
     */
    tentative: Type.Optional(Type.Object({ count: Count, minutes: Minutes }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type WeekMetrics = Static<typeof WeekMetrics>;

export const FlagReason = Type.Union([
  Type.Literal('recurring_no_agenda'),
  Type.Literal('long_recurring'),
  Type.Literal('large_passive'),
  Type.Literal('short_notice'),
  Type.Literal('after_hours'),
  Type.Literal('double_booked'),
  Type.Literal('unanswered'),
  Type.Literal('overlaps_ledartid'),
]);
export type FlagReason = Static<typeof FlagReason>;

/**
 * What to do about a meeting. An attendee declines, delegates, asks for an agenda or proposes a change; the
 * organiser cancels, hands over, thins out the invitation list, sends an agenda, moves, shortens or makes a series
 * less frequent — never "decline" their own meeting.
 */
export const FlagAction = Type.Union([
  Type.Literal('decline'),
  Type.Literal('shorten'),
  Type.Literal('make_less_frequent'),
  Type.Literal('delegate'),
  Type.Literal('ask_for_agenda'),
  Type.Literal('cancel'),
  Type.Literal('hand_over'),
  Type.Literal('thin_out'),
  Type.Literal('send_agenda'),
  Type.Literal('move'),
]);
export type FlagAction = Static<typeof FlagAction>;

const Sentence = Type.String({ minLength: 1, maxLength: 600 });

/** Why, and the one move that follows, in plain words. */
export const ReasonAndMove = Type.Object({ reason: Sentence, move: Sentence }, { additionalProperties: false });
export type ReasonAndMove = Static<typeof ReasonAndMove>;

/** The same words in every language the product speaks. */
export const Words = Type.Object({ sv: ReasonAndMove, en: ReasonAndMove }, { additionalProperties: false });
export type Words = Static<typeof Words>;

export const MeetingFlag = Type.Object(
  {
    providerEventId: Id,
    seriesId: Type.Optional(Type.String()),
    start: Instant,
    end: Instant,
    /** Every rule the meeting broke, strongest first. */
    reasons: Type.Array(FlagReason, { minItems: 1 }),
    action: FlagAction,
    /** Minutes per occurrence now, and after the action (0 for decline/delegate/cancel/hand over). */
    suggestion: Type.Object({ fromMinutes: Minutes, toMinutes: Minutes }, { additionalProperties: false }),
    /**
     * Minutes of the leader's week the action frees: time still held by a meeting the leader keeps, or already
     * freed by an earlier flag, is not counted again.
     */
    minutesBack: Minutes,
    /** The meeting has not started yet at `now`: the action can still be taken for this occurrence. */
    upcoming: Type.Boolean(),
    /** The leader organises this meeting (the moves are the organiser's). */
    organiser: Type.Optional(Type.Boolean()),
    /** Time with the leader's own people (1:1, development talk, onboarding): never offered as a drop. */
    peopleTime: Type.Optional(Type.Boolean()),
    /** For a double booking: the clashing meeting to keep instead. */
    keepInstead: Type.Optional(Id),
    /** The reason and the move in plain words. */
    words: Type.Optional(Words),
  },
  { additionalProperties: false },
);
export type MeetingFlag = Static<typeof MeetingFlag>;

export const TrendDirection = Type.Union([
  Type.Literal('up'),
  Type.Literal('down'),
  Type.Literal('flat'),
  Type.Literal('none'),
]);

export const TrendPoint = Type.Object(
  {
    current: Type.Number(),
    /** Mean of the previous weeks; null when there were none. */
    baseline: Type.Union([Type.Number(), Type.Null()]),
    delta: Type.Union([Type.Number(), Type.Null()]),
    direction: TrendDirection,
  },
  { additionalProperties: false },
);
export type TrendPoint = Static<typeof TrendPoint>;

export const Trend = Type.Object(
  {
    basedOnWeeks: Type.Integer({ minimum: 0, maximum: 4 }),
    metrics: Type.Object(
      {
        meetingMinutes: TrendPoint,
        meetingCount: TrendPoint,
        focusMinutes: TrendPoint,
        fragmentedMinutes: TrendPoint,
        afterHoursMinutes: TrendPoint,
        doubleBookedMinutes: TrendPoint,
        ledartidKeptMinutes: TrendPoint,
        firefightingIndex: TrendPoint,
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type Trend = Static<typeof Trend>;

export const WeekVerdictKind = Type.Union([
  Type.Literal('overload'),
  Type.Literal('little_focus'),
  Type.Literal('fragmented_days'),
  Type.Literal('back_to_back'),
  Type.Literal('recurring_heavy'),
  Type.Literal('tentative_uncounted'),
]);
export type WeekVerdictKind = Static<typeof WeekVerdictKind>;

/** A judgement on the week as a whole: what the figure means and one move. */
export const WeekVerdict = Type.Object(
  { kind: WeekVerdictKind, /** The figure the verdict rests on (minutes, days or a share). */ value: Type.Number({ minimum: 0 }), words: Words },
  { additionalProperties: false },
);
export type WeekVerdict = Static<typeof WeekVerdict>;

/** One verdict per recurring series with flagged occurrences this week, with what the series costs a year. */
export const SeriesVerdict = Type.Object(
  {
    seriesId: Type.String({ minLength: 1 }),
    /** This week's flagged occurrences. */
    providerEventIds: Type.Array(Id, { minItems: 1 }),
    reasons: Type.Array(FlagReason, { minItems: 1 }),
    action: FlagAction,
    organiser: Type.Boolean(),
    minutesPerOccurrence: Minutes,
    attendeeCount: Count,
    /** Occurrences a year, estimated from this week's. */
    occurrencesPerYear: Count,
    /** Hours × people × occurrences a year: everyone's time the series takes. */
    yearlyPersonHours: Type.Number({ minimum: 0 }),
    /** The leader's own hours a year in the series. */
    yearlyLeaderHours: Type.Number({ minimum: 0 }),
    words: Words,
  },
  { additionalProperties: false },
);
export type SeriesVerdict = Static<typeof SeriesVerdict>;

export const WeekAnalysis = Type.Object(
  {
    week: IsoWeek,
    timeZone: TimeZone,
    metrics: WeekMetrics,
    flags: Type.Array(MeetingFlag),
    trend: Trend,
    firefightingIndex: Type.Number({ minimum: 0, maximum: 100 }),
    /** Judgements on the week as a whole (absent in weeks analysed before they were made). */
    verdicts: Type.Optional(Type.Array(WeekVerdict)),
    /** Judgements per recurring series (absent in weeks analysed before they were made). */
    series: Type.Optional(Type.Array(SeriesVerdict)),
  },
  { additionalProperties: false },
);
export type WeekAnalysis = Static<typeof WeekAnalysis>;

/** A ledartid block LedarSteg booked (or is about to), as remembered by the booking history. */
export const BookedLedartidBlock = Type.Object(
  { blockId: Type.String({ minLength: 1, maxLength: 64 }), start: Instant, end: Instant },
  { additionalProperties: false },
);
export type BookedLedartidBlock = Static<typeof BookedLedartidBlock>;

export const LedartidSlot = Type.Object(
  { start: Instant, end: Instant, /** Local date in the leader's zone. */ day: Type.String({ format: 'date' }) },
  { additionalProperties: false },
);
export type LedartidSlot = Static<typeof LedartidSlot>;

export const TradeOffDrop = Type.Object(
  { providerEventId: Id, action: FlagAction, minutesFreed: Minutes, reason: FlagReason },
  { additionalProperties: false },
);
export type TradeOffDrop = Static<typeof TradeOffDrop>;

/** "Välja bort för att välja till": the meetings to drop or shorten that would open one missing block. */
export const TradeOff = Type.Object(
  {
    forSlot: Type.Object({ start: Instant, end: Instant }, { additionalProperties: false }),
    drop: Type.Array(TradeOffDrop, { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type TradeOff = Static<typeof TradeOff>;

export const LedartidProposal = Type.Object(
  {
    week: IsoWeek,
    timeZone: TimeZone,
    slots: Type.Array(LedartidSlot),
    goalMinutes: Minutes,
    /** Minutes of ledartid already booked this week, counted towards the goal. */
    existingMinutes: Minutes,
    proposedMinutes: Minutes,
    shortfallMinutes: Minutes,
    tradeOffs: Type.Array(TradeOff),
  },
  { additionalProperties: false },
);
export type LedartidProposal = Static<typeof LedartidProposal>;
