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
    backToBack: Type.Object({ chains: Count, minutes: Minutes }, { additionalProperties: false }),
    afterHoursMinutes: Minutes,
    notice: NoticeMinutes,
    ledartid: LedartidMetrics,
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

export const FlagAction = Type.Union([
  Type.Literal('decline'),
  Type.Literal('shorten'),
  Type.Literal('make_less_frequent'),
  Type.Literal('delegate'),
  Type.Literal('ask_for_agenda'),
]);
export type FlagAction = Static<typeof FlagAction>;

export const MeetingFlag = Type.Object(
  {
    providerEventId: Id,
    seriesId: Type.Optional(Type.String()),
    start: Instant,
    end: Instant,
    /** Every rule the meeting broke, strongest first. */
    reasons: Type.Array(FlagReason, { minItems: 1 }),
    action: FlagAction,
    /** Minutes per occurrence now, and after the action (0 for decline/delegate). */
    suggestion: Type.Object({ fromMinutes: Minutes, toMinutes: Minutes }, { additionalProperties: false }),
    minutesBack: Minutes,
    /** The meeting has not started yet at `now`: the action can still be taken for this occurrence. */
    upcoming: Type.Boolean(),
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

export const WeekAnalysis = Type.Object(
  {
    week: IsoWeek,
    timeZone: TimeZone,
    metrics: WeekMetrics,
    flags: Type.Array(MeetingFlag),
    trend: Trend,
    firefightingIndex: Type.Number({ minimum: 0, maximum: 100 }),
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
