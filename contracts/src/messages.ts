// Payloads of every message in the flow, one schema per subject version.
import { type Static, Type } from '@sinclair/typebox';
import { LedartidGoal, WorkingDay } from './user-profile.js';
import { DisplayName, Id, Instant, IsoWeek, Locale, Provider, TimeZone } from './primitives.js';
import { DigestSchedule } from './leader-messages.js';
import { FlagAction, FlagReason, WeekAnalysis } from './week-analysis.js';
import { CalendarEvent } from './calendar-event.js';

export const ConnectionLinked = Type.Object(
  {
    userId: Id,
    connectionId: Id,
    provider: Provider,
    accountEmail: Type.String({ format: 'email' }),
    displayName: Type.Optional(DisplayName),
    timeZone: TimeZone,
    /** Working hours where the provider knows them. */
    workingHours: Type.Optional(Type.Array(WorkingDay, { maxItems: 14 })),
    linkedAt: Instant,
  },
  { additionalProperties: false },
);
export type ConnectionLinked = Static<typeof ConnectionLinked>;

export const ConnectionNeedsReauth = Type.Object(
  {
    userId: Id,
    connectionId: Id,
    provider: Provider,
    /** Machine-readable cause, e.g. invalid_grant. */
    reason: Type.String({ minLength: 1, maxLength: 200 }),
    detectedAt: Instant,
  },
  { additionalProperties: false },
);
export type ConnectionNeedsReauth = Static<typeof ConnectionNeedsReauth>;

export const SyncRequested = Type.Object(
  {
    connectionId: Id,
    reason: Type.Union([
      Type.Literal('linked'),
      Type.Literal('webhook'),
      Type.Literal('poll'),
      Type.Literal('resync'),
      Type.Literal('manual'),
    ]),
    requestedAt: Instant,
  },
  { additionalProperties: false },
);
export type SyncRequested = Static<typeof SyncRequested>;

export const EventsSynced = Type.Object(
  {
    userId: Id,
    connectionId: Id,
    provider: Provider,
    /** ISO weeks, in the leader's zone, whose events changed. */
    weeks: Type.Array(IsoWeek, { maxItems: 520 }),
    counts: Type.Object(
      {
        upserted: Type.Integer({ minimum: 0 }),
        deleted: Type.Integer({ minimum: 0 }),
        unchanged: Type.Integer({ minimum: 0 }),
      },
      { additionalProperties: false },
    ),
    full: Type.Boolean(),
    syncedAt: Instant,
  },
  { additionalProperties: false },
);
export type EventsSynced = Static<typeof EventsSynced>;

/** One meeting to challenge, as the digest shows it. */
export const WeekFlagSummary = Type.Object(
  {
    providerEventId: Id,
    start: Instant,
    end: Instant,
    reasons: Type.Array(FlagReason, { minItems: 1 }),
    action: FlagAction,
    minutesBack: Type.Number({ minimum: 0 }),
    /** Only for the leader's own digest; never logged. */
    title: Type.Optional(Type.String({ maxLength: 1024 })),
    /** The leader organises the meeting: the digest speaks to them as its organiser. */
    organiser: Type.Optional(Type.Boolean()),
    /** Time with the leader's own people: only ever moved, never dropped. */
    peopleTime: Type.Optional(Type.Boolean()),
    /** For a double booking: the clashing meeting to keep instead. */
    keepInstead: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type WeekFlagSummary = Static<typeof WeekFlagSummary>;

export const WeekCompleted = Type.Object(
  {
    userId: Id,
    week: IsoWeek,
    timeZone: TimeZone,
    meetingMinutes: Type.Number({ minimum: 0 }),
    meetingCount: Type.Integer({ minimum: 0 }),
    focusMinutes: Type.Number({ minimum: 0 }),
    flaggedMeetings: Type.Integer({ minimum: 0 }),
    ledartid: Type.Object(
      {
        bookedMinutes: Type.Number({ minimum: 0 }),
        keptMinutes: Type.Number({ minimum: 0 }),
        overwrittenMinutes: Type.Number({ minimum: 0 }),
      },
      { additionalProperties: false },
    ),
    firefightingIndex: Type.Number({ minimum: 0, maximum: 100 }),
    analysedAt: Instant,
    /** The meetings to challenge, summarised for the leader's digest. */
    flags: Type.Optional(Type.Array(WeekFlagSummary, { maxItems: 200 })),
    /** Booked ledartid blocks a meeting overwrote this week (each moved or kept defended by LedarSteg). */
    overwrittenBlocks: Type.Optional(Type.Integer({ minimum: 0 })),
    /** The whole analysis the insight core produced, words included, for the projections that serve the views. */
    analysis: Type.Optional(WeekAnalysis),
    /** Meeting titles by provider event id, for the leader's own views only; never shown to a coach unless shared. */
    titles: Type.Optional(Type.Record(Id, Type.String({ maxLength: 1024 }))),
    /** Meeting minutes per local day of the week (Monday first), for the week's picture. */
    days: Type.Optional(
      Type.Array(
        Type.Object({ date: Type.String({ format: 'date' }), meetingMinutes: Type.Number({ minimum: 0, maximum: 1440 }) }, { additionalProperties: false }),
        { maxItems: 7 },
      ),
    ),
  },
  { additionalProperties: false },
);
export type WeekCompleted = Static<typeof WeekCompleted>;

export const BookingAction = Type.Union([Type.Literal('create'), Type.Literal('move'), Type.Literal('remove')]);

export const BookingRequested = Type.Object(
  {
    /** Stable id of the ledartid block; the idempotency key of every write about it. */
    blockId: Type.String({ pattern: '^[a-v0-9]{5,64}$' }),
    /** Unique per request: a move of the same block gets a new one. */
    requestId: Id,
    userId: Id,
    connectionId: Id,
    week: IsoWeek,
    action: BookingAction,
    start: Type.Optional(Instant),
    end: Type.Optional(Instant),
    timeZone: TimeZone,
    reason: Type.Union([Type.Literal('weekly'), Type.Literal('defend'), Type.Literal('leader')]),
  },
  { additionalProperties: false },
);
export type BookingRequested = Static<typeof BookingRequested>;

export const BookingCompleted = Type.Object(
  {
    blockId: Type.String({ pattern: '^[a-v0-9]{5,64}$' }),
    requestId: Id,
    userId: Id,
    action: BookingAction,
    providerEventId: Type.Optional(Type.String()),
    start: Type.Optional(Instant),
    end: Type.Optional(Instant),
    completedAt: Instant,
  },
  { additionalProperties: false },
);
export type BookingCompleted = Static<typeof BookingCompleted>;

export const BookingFailed = Type.Object(
  {
    blockId: Type.String({ pattern: '^[a-v0-9]{5,64}$' }),
    requestId: Id,
    userId: Id,
    action: BookingAction,
    code: Type.String({ minLength: 1, maxLength: 100 }),
    message: Type.String({ maxLength: 1000 }),
    retryable: Type.Boolean(),
    failedAt: Instant,
  },
  { additionalProperties: false },
);
export type BookingFailed = Static<typeof BookingFailed>;

export const SettingsChanged = Type.Object(
  {
    userId: Id,
    timeZone: TimeZone,
    workingHours: Type.Array(WorkingDay, { maxItems: 14 }),
    ledartidGoal: LedartidGoal,
    autoBook: Type.Boolean(),
    /** The leader lets their coach see their calendar patterns and habits. */
    shareWithCoach: Type.Boolean(),
    coachId: Type.Optional(Id),
    displayName: Type.Optional(DisplayName),
    /** Where and how the leader is written to: their address, language, and whether and when the weekly digest comes. */
    email: Type.Optional(Type.String({ format: 'email', maxLength: 320 })),
    locale: Type.Optional(Locale),
    weeklyDigest: Type.Optional(Type.Boolean()),
    digestAt: Type.Optional(DigestSchedule),
    changedAt: Instant,
  },
  { additionalProperties: false },
);
export type SettingsChanged = Static<typeof SettingsChanged>;

/** A revision: per connection, strictly increasing with every write of an event in calendar-sync's copy. */
export const Revision = Type.Integer({ minimum: 1 });

/** One change of a synced calendar: the event as it now is, or the id of an event that is gone. */
export const EventChange = Type.Union([
  Type.Object({ rev: Revision, event: CalendarEvent }, { additionalProperties: false }),
  Type.Object({ rev: Revision, deleted: Id }, { additionalProperties: false }),
]);
export type EventChange = Static<typeof EventChange>;

/**
 * A batch of changes to one connection's synced copy. Live batches cover the revisions after `fromRev - 1` up to
 * `toRev` (revisions overwritten since are absent); a replay batch carries the copy as it is, at its current revisions.
 * Apply a change only when its `rev` is newer than the one held: batches may arrive twice or out of order.
 */
export const EventsChanged = Type.Object(
  {
    userId: Id,
    connectionId: Id,
    provider: Provider,
    fromRev: Revision,
    toRev: Revision,
    changes: Type.Array(EventChange, { maxItems: 1000 }),
    /** Set on batches re-published for a replay request: that request's id. */
    replayOf: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type EventsChanged = Static<typeof EventsChanged>;

/** A command to calendar-sync: publish the whole current copy again (one connection, one leader, or everyone). */
export const EventsReplayRequested = Type.Object(
  {
    requestId: Id,
    userId: Type.Optional(Id),
    connectionId: Type.Optional(Id),
    requestedAt: Instant,
  },
  { additionalProperties: false },
);
export type EventsReplayRequested = Static<typeof EventsReplayRequested>;

export const LifecycleEvent = Type.Union([
  Type.Literal('reauthorizationRequired'),
  Type.Literal('subscriptionRemoved'),
  Type.Literal('missed'),
]);

/** Graph told calendar-sync something about a subscription; handled after the webhook is answered, durably. */
export const SubscriptionLifecycleNotified = Type.Object(
  {
    connectionId: Id,
    subscriptionId: Id,
    lifecycleEvent: LifecycleEvent,
    notifiedAt: Instant,
  },
  { additionalProperties: false },
);
export type SubscriptionLifecycleNotified = Static<typeof SubscriptionLifecycleNotified>;

/** A command to calendar-sync: disconnect one of the leader's calendars (revoke, stop the watch, forget the copy). */
export const DisconnectRequested = Type.Object(
  {
    userId: Id,
    connectionId: Id,
    reason: Type.Union([Type.Literal('leader'), Type.Literal('admin')]),
    requestedAt: Instant,
  },
  { additionalProperties: false },
);
export type DisconnectRequested = Static<typeof DisconnectRequested>;

/**
 * A calendar was disconnected and its copy forgotten. With no connection left, every service erases what it derived
 * from the leader's calendar; the account and its settings stay until the account is deleted.
 */
export const ConnectionDisconnected = Type.Object(
  {
    userId: Id,
    connectionId: Id,
    provider: Provider,
    remainingConnections: Type.Integer({ minimum: 0 }),
    disconnectedAt: Instant,
  },
  { additionalProperties: false },
);
export type ConnectionDisconnected = Static<typeof ConnectionDisconnected>;
