// Validates event bodies (from Graph clients or the control API) and applies them to stored events.
import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { DateTime } from 'luxon';
import type { StoredEvent } from './model.js';
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

export const EventInput = Type.Object({
  subject: Type.Optional(Type.String({ maxLength: 255 })),
  body: Type.Optional(Type.Object({ contentType: Type.Optional(Type.Union([Type.Literal('text'), Type.Literal('html')])), content: Type.String() })),
  start: Type.Optional(DateTimeTimeZone),
  end: Type.Optional(DateTimeTimeZone),
  isAllDay: Type.Optional(Type.Boolean()),
  showAs: Type.Optional(ShowAs),
  categories: Type.Optional(Type.Array(Type.String({ maxLength: 255 }), { maxItems: 25 })),
  sensitivity: Type.Optional(Type.Union([Type.Literal('normal'), Type.Literal('personal'), Type.Literal('private'), Type.Literal('confidential')])),
  recurrence: Type.Optional(
    Type.Union([
      Type.Null(),
      Type.Object({
        pattern: Type.Object({
          type: Type.Union([Type.Literal('daily'), Type.Literal('weekly')]),
          interval: Type.Integer({ minimum: 1, maximum: 99 }),
          daysOfWeek: Type.Optional(Type.Array(Type.String())),
          firstDayOfWeek: Type.Optional(Type.String()),
        }),
        range: Type.Object({
          type: Type.Union([Type.Literal('endDate'), Type.Literal('noEnd'), Type.Literal('numbered')]),
          startDate: Type.String({ pattern: DATE }),
          endDate: Type.Optional(Type.String({ pattern: DATE })),
          numberOfOccurrences: Type.Optional(Type.Integer({ minimum: 0 })),
          recurrenceTimeZone: Type.Optional(Type.String()),
        }),
      }),
    ]),
  ),
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
  if (!Value.Check(EventInput, body)) {
    const first = Value.Errors(EventInput, body).First();
    throw new EventInputError(`Invalid event: ${first ? `${first.path} ${first.message}` : 'not an object'}`);
  }
  return body;
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
