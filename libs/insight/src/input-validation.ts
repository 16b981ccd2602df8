// Validates everything that enters the core against the contracts' schemas, fast enough for the hot path.
import {
  BookedLedartidBlock,
  CalendarEvent,
  IsoWeek,
  UserProfile,
  WeekMetrics,
  type BookedLedartidBlock as BookedLedartidBlockType,
  type CalendarEvent as CalendarEventType,
  type UserProfile as UserProfileType,
  type WeekMetrics as WeekMetricsType,
} from '@ledarsteg/contracts';
import { CloneType, type TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { DateTime, IANAZone } from 'luxon';
import { InsightInputError } from './insight-error.js';
import { parseInstant } from './instant.js';

/**
 * The contracts check `date-time` with luxon (≈12 µs a string) and `iana-zone` with Intl; at a million events
 * a second that is the whole budget. So the schemas are compiled once without those two formats and the
 * fields are checked here instead: instants by the same rule through `parseInstant`, zones through a cache.
 */
const FAST_CHECKED_FORMATS = new Set(['date-time', 'iana-zone']);

function withoutFormats<T extends TSchema>(schema: T): T {
  const strip = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record['format'] === 'string' && FAST_CHECKED_FORMATS.has(record['format'])) delete record['format'];
    for (const value of Object.values(record)) strip(value);
  };
  const copy = CloneType(schema);
  strip(copy);
  return copy;
}

/**
 * TypeBox checks `additionalProperties: false` by searching every own key in the list of allowed keys, which
 * costs more than the rest of the event check together. The event schema is compiled without it and the same
 * rule (every own property name is a known key) is checked here against a set.
 */
const EVENT_KEYS: ReadonlySet<string> = new Set(Object.keys(CalendarEvent.properties));

function withOpenObject<T extends TSchema>(schema: T): T {
  const copy = CloneType(schema) as T & { additionalProperties?: unknown };
  delete copy.additionalProperties;
  return copy;
}

const REQUIRED_EVENT_KEY_COUNT = CalendarEvent.required?.length ?? 0;

/** How many of the event's optional keys hold a value: read directly, which is what makes the count cheap. */
function optionalKeysSet(e: CalendarEventType): number {
  return (
    (e.iCalUid !== undefined ? 1 : 0) +
    (e.seriesId !== undefined ? 1 : 0) +
    (e.originalStart !== undefined ? 1 : 0) +
    (e.ledartidBlockId !== undefined ? 1 : 0) +
    (e.title !== undefined ? 1 : 0)
  );
}
const OPTIONAL_EVENT_KEYS_READ = ['iCalUid', 'seriesId', 'originalStart', 'ledartidBlockId', 'title'];
// The count above must know every optional key of the contract; a contract change that adds one stops here.
if (
  OPTIONAL_EVENT_KEYS_READ.length + REQUIRED_EVENT_KEY_COUNT !== EVENT_KEYS.size ||
  !OPTIONAL_EVENT_KEYS_READ.every((key) => EVENT_KEYS.has(key) && !CalendarEvent.required?.includes(key))
) {
  throw new Error('input-validation: optionalKeysSet does not match the CalendarEvent contract');
}

/**
 * Every own property name is a known key. After the schema check every required key holds a value, so for a plain
 * object whose own names number exactly the required keys plus the optional keys with a value, there is nothing
 * else: one count instead of a search per name. Anything unusual (a key set to undefined, another prototype) takes
 * the search.
 */
function hasOnlyEventKeys(event: CalendarEventType): boolean {
  const names = Object.getOwnPropertyNames(event);
  const proto = Object.getPrototypeOf(event);
  if ((proto === Object.prototype || proto === null) && names.length === REQUIRED_EVENT_KEY_COUNT + optionalKeysSet(event)) {
    return true;
  }
  if (names.length > EVENT_KEYS.size) return false;
  for (let k = 0; k < names.length; k++) if (!EVENT_KEYS.has(names[k]!)) return false;
  return true;
}

let eventCheck: TypeCheck<typeof CalendarEvent> | undefined;
let openEventCheck: TypeCheck<typeof CalendarEvent> | undefined;
let profileCheck: TypeCheck<typeof UserProfile> | undefined;
let metricsCheck: TypeCheck<typeof WeekMetrics> | undefined;
let blockCheck: TypeCheck<typeof BookedLedartidBlock> | undefined;

const zoneValidity = new Map<string, boolean>();
function isValidZone(zone: string): boolean {
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    if (zoneValidity.size < 1000) zoneValidity.set(zone, valid);
  }
  return valid;
}

function firstError(check: TypeCheck<TSchema>, value: unknown): string {
  const error = check.Errors(value).First();
  return error ? `${error.path || '/'} ${error.message}` : 'invalid';
}

function instantOrThrow(text: string, path: string): number {
  const ms = parseInstant(text);
  if (Number.isNaN(ms)) throw new InsightInputError('not an ISO instant with offset', path);
  return ms;
}

/** Epoch ms of start, end and createdAt of each event, validated; parsed once for the whole analysis. */
// Plain arrays, filled in order so they stay packed: a typed array costs more to allocate than a small week's analysis.
export type ParsedTimes = { start: number[]; end: number[]; created: number[] };

export function validateEvents(events: unknown): ParsedTimes {
  if (!Array.isArray(events)) throw new InsightInputError('must be an array', 'events');
  eventCheck ??= TypeCompiler.Compile(withoutFormats(CalendarEvent));
  openEventCheck ??= TypeCompiler.Compile(withOpenObject(withoutFormats(CalendarEvent)));
  const n = events.length;
  let lastZone: string | undefined;
  const times: ParsedTimes = { start: [], end: [], created: [] };
  for (let i = 0; i < n; i++) {
    const event = events[i] as CalendarEventType;
    if (!openEventCheck.Check(event) || !hasOnlyEventKeys(event)) {
      // The full check finds the same fault and words it the contracts' way.
      throw new InsightInputError(firstError(eventCheck, event), `events/${i}`);
    }
    const start = instantOrThrow(event.start, `events/${i}/start`);
    const end = instantOrThrow(event.end, `events/${i}/end`);
    if (end < start) throw new InsightInputError('ends before it starts', `events/${i}`);
    times.start.push(start);
    times.end.push(end);
    times.created.push(instantOrThrow(event.createdAt, `events/${i}/createdAt`));
    // Often the same text as createdAt (never edited), which has just passed.
    if (event.updatedAt !== event.createdAt) instantOrThrow(event.updatedAt, `events/${i}/updatedAt`);
    if (event.originalStart !== undefined) instantOrThrow(event.originalStart, `events/${i}/originalStart`);
    // A leader's events mostly share one zone: check it again only when it changes.
    if (event.timeZone !== lastZone) {
      if (!isValidZone(event.timeZone)) throw new InsightInputError('unknown time zone', `events/${i}/timeZone`);
      lastZone = event.timeZone;
    }
  }
  return times;
}

export function validateProfile(profile: unknown): UserProfileType {
  profileCheck ??= TypeCompiler.Compile(withoutFormats(UserProfile));
  if (!profileCheck.Check(profile)) throw new InsightInputError(firstError(profileCheck, profile), 'profile');
  if (!isValidZone(profile.timeZone)) throw new InsightInputError('unknown time zone', 'profile/timeZone');
  profile.workingHours.forEach((day, i) => {
    if (day.end <= day.start) throw new InsightInputError('ends before it starts', `profile/workingHours/${i}`);
  });
  if (profile.lunch && profile.lunch.end <= profile.lunch.start) {
    throw new InsightInputError('ends before it starts', 'profile/lunch');
  }
  return profile;
}

const weekPattern = new RegExp(IsoWeek.pattern ?? '^$');
export function validateWeek(week: unknown): string {
  if (typeof week !== 'string' || !weekPattern.test(week)) throw new InsightInputError('not an ISO week', 'week');
  return week;
}

/** `now` as epoch ms; a string must be an ISO instant with offset. */
export function validateNow(now: unknown): number {
  if (DateTime.isDateTime(now)) {
    if (!now.isValid) throw new InsightInputError('invalid DateTime', 'now');
    return now.toMillis();
  }
  if (typeof now === 'string') return instantOrThrow(now, 'now');
  throw new InsightInputError('must be a luxon DateTime or an ISO instant', 'now');
}

export function validateBookedBlocks(blocks: unknown, path: string): BookedLedartidBlockType[] {
  if (blocks === undefined) return [];
  if (!Array.isArray(blocks)) throw new InsightInputError('must be an array', path);
  blockCheck ??= TypeCompiler.Compile(withoutFormats(BookedLedartidBlock));
  blocks.forEach((block, i) => {
    if (!blockCheck!.Check(block)) throw new InsightInputError(firstError(blockCheck!, block), `${path}/${i}`);
    if (instantOrThrow(block.end, `${path}/${i}/end`) < instantOrThrow(block.start, `${path}/${i}/start`)) {
      throw new InsightInputError('ends before it starts', `${path}/${i}`);
    }
  });
  return blocks;
}

export function validatePreviousWeeks(weeks: unknown, maxWeeks: number): WeekMetricsType[] {
  if (weeks === undefined) return [];
  if (!Array.isArray(weeks) || weeks.length > maxWeeks) {
    throw new InsightInputError(`must be an array of at most ${maxWeeks} weeks`, 'previousWeeks');
  }
  metricsCheck ??= TypeCompiler.Compile(WeekMetrics);
  weeks.forEach((w, i) => {
    if (!metricsCheck!.Check(w)) throw new InsightInputError(firstError(metricsCheck!, w), `previousWeeks/${i}`);
  });
  return weeks;
}
