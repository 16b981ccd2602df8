// Small reusable schemas: instants, zones, ISO weeks, ids.
import { Type } from '@sinclair/typebox';

/** An instant on the wire: ISO 8601 with an explicit offset. */
export const Instant = Type.String({ format: 'date-time' });
/** An IANA time zone such as Europe/Stockholm. */
export const TimeZone = Type.String({ format: 'iana-zone' });
/** An ISO week such as 2026-W48, always in the leader's own zone. */
export const IsoWeek = Type.String({ pattern: '^\\d{4}-W(0[1-9]|[1-4]\\d|5[0-3])$' });
/** A local time of day, HH:mm. */
export const LocalTime = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$|^24:00$' });
export const Id = Type.String({ minLength: 1, maxLength: 200 });
export const Provider = Type.Union([Type.Literal('google'), Type.Literal('microsoft')]);
/** The language a leader reads LedarSteg in. */
export const Locale = Type.Union([Type.Literal('sv'), Type.Literal('en')]);
