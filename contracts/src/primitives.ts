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
/**
 * Characters no id or name may hold: C0 and C1 controls (DEL included) and the bidirectional marks, embeddings,
 * overrides and isolates (U+200E/F, U+202A–U+202E, U+2066–U+2069), which can make a name display as something else.
 */
export const UNSAFE_TEXT = '\\u0000-\\u001F\\u007F-\\u009F\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069';
/** Text without those characters; a JSON-Schema pattern, so every validator (and OpenAPI) checks it the same way. */
export const SAFE_TEXT_PATTERN = `^[^${UNSAFE_TEXT}]*$`;
const UNSAFE = new RegExp(`[${UNSAFE_TEXT}]`, 'gu');

/** True when `value` holds a control or bidirectional-override character. */
export function hasUnsafeText(value: string): boolean {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(value);
}

/** `value` with every control and bidirectional-override character dropped: for names a provider hands us. */
export function withoutUnsafeText(value: string): string {
  return value.replace(UNSAFE, '');
}

export const Id = Type.String({ minLength: 1, maxLength: 200, pattern: SAFE_TEXT_PATTERN });
/** A person's name as shown to them or to their coach. */
export const DisplayName = Type.String({ maxLength: 200, pattern: SAFE_TEXT_PATTERN });
export const Provider = Type.Union([Type.Literal('google'), Type.Literal('microsoft')]);
/** The language a leader reads LedarSteg in. */
export const Locale = Type.Union([Type.Literal('sv'), Type.Literal('en')]);
