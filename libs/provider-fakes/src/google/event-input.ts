// Validates event bodies sent to insert/patch/update, as Google rejects malformed ones with 400.
import { type TSchema, Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { googleErrors } from './errors.js';
import type { EventInput } from './types.js';

const Str = (max = 8192) => Type.String({ maxLength: max });
const DateTimeValue = Type.Object({
  date: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  dateTime: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  timeZone: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});
const Person = Type.Object({
  email: Type.Optional(Str(320)),
  displayName: Type.Optional(Str(500)),
  self: Type.Optional(Type.Boolean()),
});
const Attendee = Type.Object({
  email: Type.Optional(Str(320)),
  displayName: Type.Optional(Str(500)),
  responseStatus: Type.Optional(
    Type.Union(['needsAction', 'declined', 'tentative', 'accepted'].map((v) => Type.Literal(v))),
  ),
  self: Type.Optional(Type.Boolean()),
  organizer: Type.Optional(Type.Boolean()),
  optional: Type.Optional(Type.Boolean()),
  resource: Type.Optional(Type.Boolean()),
  comment: Type.Optional(Str()),
  additionalGuests: Type.Optional(Type.Integer({ minimum: 0 })),
});
const StringMap = Type.Record(Type.String({ maxLength: 44 }), Str(1024));
const Schema: TSchema = Type.Object({
  id: Type.Optional(Type.String()),
  status: Type.Optional(Type.Union(['confirmed', 'tentative', 'cancelled'].map((v) => Type.Literal(v)))),
  summary: Type.Optional(Str()),
  description: Type.Optional(Str(8192)),
  location: Type.Optional(Str()),
  organizer: Type.Optional(Person),
  creator: Type.Optional(Person),
  start: Type.Optional(DateTimeValue),
  end: Type.Optional(DateTimeValue),
  recurrence: Type.Optional(Type.Array(Str(1000), { maxItems: 50 })),
  transparency: Type.Optional(Type.Union([Type.Literal('opaque'), Type.Literal('transparent')])),
  visibility: Type.Optional(Type.Union(['default', 'public', 'private', 'confidential'].map((v) => Type.Literal(v)))),
  iCalUID: Type.Optional(Str(1024)),
  attendees: Type.Optional(Type.Array(Attendee, { maxItems: 1000 })),
  extendedProperties: Type.Optional(
    Type.Object({ private: Type.Optional(StringMap), shared: Type.Optional(StringMap) }),
  ),
  reminders: Type.Optional(
    Type.Object({
      useDefault: Type.Optional(Type.Boolean()),
      overrides: Type.Optional(Type.Array(Type.Object({ method: Type.Optional(Str(20)), minutes: Type.Optional(Type.Integer()) }), { maxItems: 5 })),
    }),
  ),
  eventType: Type.Optional(
    Type.Union(['default', 'focusTime', 'outOfOffice', 'workingLocation', 'birthday', 'fromGmail'].map((v) => Type.Literal(v))),
  ),
  focusTimeProperties: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  outOfOfficeProperties: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});
const check = TypeCompiler.Compile(Schema);

const KNOWN = new Set(Object.keys((Schema as unknown as { properties: Record<string, unknown> }).properties));
const BASE32HEX_ID = /^[a-v0-9]{5,1024}$/;

/** Checks a request body and keeps only the fields a client may write; unknown read-only fields are dropped. */
export function parseEventInput(body: unknown): EventInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw googleErrors.invalid('Invalid JSON payload.');
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) if (KNOWN.has(key)) kept[key] = value;
  if (!check.Check(kept)) {
    const first = check.Errors(kept).First();
    throw googleErrors.invalid(`Invalid value at ${first?.path ?? '/'}: ${first?.message ?? 'invalid'}`);
  }
  if (kept['id'] !== undefined && !BASE32HEX_ID.test(kept['id'] as string)) throw googleErrors.invalid('Invalid resource id value.');
  return stripNulls(kept) as EventInput;
}

function stripNulls(value: Record<string, unknown>): Record<string, unknown> {
  for (const key of ['start', 'end'] as const) {
    const dt = value[key] as Record<string, unknown> | undefined;
    if (dt) for (const k of Object.keys(dt)) if (dt[k] === null) delete dt[k];
  }
  return value;
}
