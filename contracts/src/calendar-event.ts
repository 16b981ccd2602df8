// The provider-neutral calendar event: the only shape of an event the system reasons about.
import { type Static, Type } from '@sinclair/typebox';
import { Id, Instant, Provider, TimeZone } from './primitives.js';

export const EventStatus = Type.Union([Type.Literal('confirmed'), Type.Literal('tentative'), Type.Literal('cancelled')]);

/** How the event shows on the leader's availability. Google transparency maps to busy/free. */
export const ShowAs = Type.Union([
  Type.Literal('busy'),
  Type.Literal('free'),
  Type.Literal('tentative'),
  Type.Literal('oof'),
  Type.Literal('workingElsewhere'),
  Type.Literal('unknown'),
]);

export const EventKind = Type.Union([
  Type.Literal('default'),
  Type.Literal('focusTime'),
  Type.Literal('outOfOffice'),
  Type.Literal('workingLocation'),
  Type.Literal('other'),
]);

/** The leader's own answer to the invitation; `organizer` when they organise it. */
export const SelfResponse = Type.Union([
  Type.Literal('accepted'),
  Type.Literal('declined'),
  Type.Literal('tentative'),
  Type.Literal('needsAction'),
  Type.Literal('organizer'),
]);

export const CalendarEvent = Type.Object(
  {
    userId: Id,
    provider: Provider,
    calendarId: Id,
    /** The provider's id for this event or instance. */
    providerEventId: Id,
    iCalUid: Type.Optional(Type.String()),
    /** Provider id of the recurring series this instance belongs to. */
    seriesId: Type.Optional(Type.String()),
    /** For instances of a series: where the instance originally started. */
    originalStart: Type.Optional(Instant),
    /** UTC start and end. For all-day events, midnight in `timeZone`; the end is exclusive. */
    start: Instant,
    end: Instant,
    /** The IANA zone the event was created in (or the calendar's zone). */
    timeZone: TimeZone,
    allDay: Type.Boolean(),
    status: EventStatus,
    showAs: ShowAs,
    /** True when the event blocks time (opaque / busy, tentative or out-of-office). */
    busy: Type.Boolean(),
    kind: EventKind,
    /** Number of people invited, the leader included; resources (rooms) excluded. */
    attendeeCount: Type.Integer({ minimum: 0 }),
    selfResponse: SelfResponse,
    /** The leader is invited as optional. */
    selfOptional: Type.Boolean(),
    organizerIsSelf: Type.Boolean(),
    createdAt: Instant,
    updatedAt: Instant,
    /** Set when this is a ledartid block LedarSteg booked: the booking's block id. */
    ledartidBlockId: Type.Optional(Type.String()),
    hasTitle: Type.Boolean(),
    hasDescription: Type.Boolean(),
    /** The title, kept only for the leader's own digest; never logged. */
    title: Type.Optional(Type.String({ maxLength: 1024 })),
  },
  { additionalProperties: false },
);
export type CalendarEvent = Static<typeof CalendarEvent>;
