// Validates event bodies (from Graph clients or the control API) and applies them to stored events.
import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { DateTime } from 'luxon';
import { PATTERN_TYPES, type StoredEvent, WEEK_INDEXES } from './model.js';
import { weekdayNumber } from './recurrence.js';
import { toIana } from './windows-zones.js';

const DATE = '^\\d{4}-\\d{2}-\\d{2}$';
const DateTimeTimeZone = Type.Object({ dateTime: Type.String({ minLength: 10 }), timeZone: Type.String({ minLength: 1 }) });
const EmailAddress = Type.Object({ name: Type.Optional(Type.String()), address: Type.String({ minLength: 3 }) });
const Response = Type.Union([
  Type.Literal('none'),
  Type.Literal('organizer'),
  Type.Literal('tentativelyAccepted'),
  Type.Literal('accepted'),
  Type.Literal('declined'),
  Type.Literal('notResponded'),
]);
const ShowAs = Type.Union([
  Type.Literal('free'),
  Type.Literal('tentative'),
  Type.Literal('busy'),
  Type.Literal('oof'),
  Type.Literal('workingElsewhere'),
  Type.Literal('unknown'),
]);

const RecurrenceInput = Type.Object({
  pattern: Type.Object({
    type: Type.Union(PATTERN_TYPES.map((v) => Type.Literal(v))),
    interval: Type.Integer({ minimum: 1, maximum: 99 }),
    daysOfWeek: Type.Optional(Type.Array(Type.String())),
    firstDayOfWeek: Type.Optional(Type.String()),
    // Graph echoes 0 / `first` for the parts a pattern type does not use, so clients may send them back.
    dayOfMonth: Type.Optional(Type.Integer()),
    month: Type.Optional(Type.Integer()),
    index: Type.Optional(Type.Union(WEEK_INDEXES.map((v) => Type.Literal(v)))),
  }),
  range: Type.Object({
    type: Type.Union([Type.Literal('endDate'), Type.Literal('noEnd'), Type.Literal('numbered')]),
    startDate: Type.String({ pattern: DATE }),
    endDate: Type.Optional(Type.String({ pattern: DATE })),
    numberOfOccurrences: Type.Optional(Type.Integer({ minimum: 0 })),
    recurrenceTimeZone: Type.Optional(Type.String()),
  }),
});

export const EventInput = Type.Object({
  subject: Type.Optional(Type.String({ maxLength: 255 })),
  body: Type.Optional(Type.Object({ contentType: Type.Optional(Type.Union([Type.Literal('text'), Type.Literal('html')])), content: Type.String() })),
  start: Type.Optional(DateTimeTimeZone),
  end: Type.Optional(DateTimeTimeZone),
  isAllDay: Type.Optional(Type.Boolean()),
  showAs: Type.Optional(ShowAs),
  categories: Type.Optional(Type.Array(Type.String({ maxLength: 255 }), { maxItems: 25 })),
  sensitivity: Type.Optional(Type.Union([Type.Literal('normal'), Type.Literal('personal'), Type.Literal('private'), Type.Literal('confidential')])),
  recurrence: Type.Optional(Type.Union([Type.Null(), RecurrenceInput])),
  attendees: Type.Optional(
    Type.Array(
      Type.Object({
        type: Type.Optional(Type.Union([Type.Literal('required'), Type.Literal('optional'), Type.Literal('resource')])),
        emailAddress: EmailAddress,
        status: Type.Optional(Type.Object({ response: Response, time: Type.Optional(Type.String()) })),
      }),
    ),
  ),
  transactionId: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  singleValueExtendedProperties: Type.Optional(Type.Array(Type.Object({ id: Type.String({ minLength: 1 }), value: Type.String() }))),
  // Only the control API (acting as Exchange / another organizer) may set these.
  organizer: Type.Optional(Type.Object({ emailAddress: EmailAddress })),
  isOrganizer: Type.Optional(Type.Boolean()),
  responseStatus: Type.Optional(Type.Object({ response: Response, time: Type.Optional(Type.String()) })),
  isCancelled: Type.Optional(Type.Boolean()),
});
export type EventInput = Static<typeof EventInput>;

export class EventInputError extends Error {}

/** Checks the shape; Graph ignores unknown properties on write, so do we. */
export function parseEventInput(body: unknown): EventInput {
  // Checked on its own first, so an error names the recurrence field rather than the null-or-object union.
  const recurrence = typeof body === 'object' && body !== null ? (body as { recurrence?: unknown }).recurrence : undefined;
  if (recurrence !== undefined && recurrence !== null && !Value.Check(RecurrenceInput, recurrence)) {
    const first = Value.Errors(RecurrenceInput, recurrence).First();
    throw new EventInputError(`Invalid event: /recurrence${first?.path ?? ''} ${first?.message ?? 'invalid'}`);
  }
  if (!Value.Check(EventInput, body)) {
    const first = Value.Errors(EventInput, body).First();
    throw new EventInputError(`Invalid event: ${first ? `${first.path} ${first.message}` : 'not an object'}`);
  }
  if (body.recurrence) checkRecurrence(body.recurrence);
  return body;
}

/** What Graph requires of each pattern type and range type beyond the shape. */
function checkRecurrence({ pattern, range }: NonNullable<EventInput['recurrence']>): void {
  const type = pattern.type;
  if (type === 'weekly' || type === 'relativeMonthly' || type === 'relativeYearly') {
    if (!pattern.daysOfWeek?.length) throw new EventInputError(`Recurrence pattern '${type}' requires daysOfWeek`);
  }
  for (const day of pattern.daysOfWeek ?? []) {
    if (weekdayNumber(day) === undefined) throw new EventInputError(`Invalid recurrence daysOfWeek value '${day}'`);
  }
  if (type === 'absoluteMonthly' || type === 'absoluteYearly') {
    if (pattern.dayOfMonth === undefined) throw new EventInputError(`Recurrence pattern '${type}' requires dayOfMonth`);
    if (pattern.dayOfMonth < 1 || pattern.dayOfMonth > 31) throw new EventInputError(`Invalid recurrence dayOfMonth ${pattern.dayOfMonth}: it must be 1 to 31`);
  }
  if (type === 'absoluteYearly' || type === 'relativeYearly') {
    if (pattern.month === undefined) throw new EventInputError(`Recurrence pattern '${type}' requires month`);
    if (pattern.month < 1 || pattern.month > 12) throw new EventInputError(`Invalid recurrence month ${pattern.month}: it must be 1 to 12`);
  }
  if (!DateTime.fromISO(range.startDate).isValid) throw new EventInputError(`Invalid recurrence startDate '${range.startDate}'`);
  if (range.type === 'endDate') {
    if (range.endDate === undefined) throw new EventInputError("Recurrence range 'endDate' requires endDate");
    if (!DateTime.fromISO(range.endDate).isValid || range.endDate < range.startDate) {
      throw new EventInputError(`Invalid recurrence endDate '${range.endDate}': it must be a date on or after startDate`);
    }
  }
  if (range.type === 'numbered' && !(range.numberOfOccurrences && range.numberOfOccurrences > 0)) {
    throw new EventInputError("Recurrence range 'numbered' requires numberOfOccurrences of at least 1");
  }
}

export function parseDateTimeTimeZone(value: { dateTime: string; timeZone: string }): { at: DateTime; zone: string; windowsZone: string } {
  const zone = toIana(value.timeZone);
  if (!zone) throw new EventInputError(`Unknown time zone '${value.timeZone}'`);
  const at = DateTime.fromISO(value.dateTime, { zone });
  if (!at.isValid) throw new EventInputError(`Invalid dateTime '${value.dateTime}'`);
  // originalStartTimeZone reports the zone as the client named it (Windows names stay Windows, IANA stays IANA).
  return { at, zone, windowsZone: value.timeZone };
}

/** Applies a create/patch body; `trusted` lets the control API set fields only the server owns. */
export function applyEventInput(event: StoredEvent, input: EventInput, nowIso: string, trusted: boolean): void {
  if (input.subject !== undefined) event.subject = input.subject;
  if (input.body) event.body = { contentType: input.body.contentType ?? 'text', content: input.body.content };
  if (input.start) {
    const start = parseDateTimeTimeZone(input.start);
    event.start = start.at;
    event.zone = start.zone;
    event.windowsZone = start.windowsZone;
  }
  if (input.end) event.end = parseDateTimeTimeZone(input.end).at.setZone(event.zone);
  if (input.isAllDay !== undefined) event.isAllDay = input.isAllDay;
  if (input.showAs) event.showAs = input.showAs;
  if (input.categories) event.categories = [...input.categories];
  if (input.sensitivity) event.sensitivity = input.sensitivity;
  if (input.recurrence !== undefined) {
    if (input.recurrence === null) {
      delete event.recurrence;
      event.type = 'singleInstance';
    } else {
      event.recurrence = input.recurrence;
      event.type = 'seriesMaster';
    }
  }
  if (input.attendees) {
    event.attendees = input.attendees.map((a) => ({
      type: a.type ?? 'required',
      emailAddress: a.emailAddress,
      status: { response: a.status?.response ?? 'none', time: a.status?.time ?? '0001-01-01T00:00:00Z' },
    }));
  }
  if (input.transactionId !== undefined && event.transactionId === undefined) event.transactionId = input.transactionId;
  for (const prop of input.singleValueExtendedProperties ?? []) {
    const existing = event.singleValueExtendedProperties.find((p) => p.id === prop.id);
    if (existing) existing.value = prop.value;
    else event.singleValueExtendedProperties.push({ ...prop });
  }
  if (trusted) {
    if (input.organizer) event.organizer = input.organizer;
    if (input.isOrganizer !== undefined) event.isOrganizer = input.isOrganizer;
    if (input.responseStatus) event.responseStatus = { response: input.responseStatus.response, time: input.responseStatus.time ?? nowIso };
    if (input.isCancelled !== undefined) event.isCancelled = input.isCancelled;
  }
  if (event.end <= event.start && !(event.isAllDay && event.end.equals(event.start))) throw new EventInputError('The end must be after the start');
  if (event.isAllDay) {
    const midnight = (d: DateTime) => d.hour === 0 && d.minute === 0 && d.second === 0 && d.millisecond === 0;
    if (!midnight(event.start) || !midnight(event.end) || event.end <= event.start) {
      throw new EventInputError('All-day events must start and end at midnight, the end on a later day');
    }
  }
}
