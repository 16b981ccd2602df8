// Turns a Graph event (as calendarView/delta returns it) into the neutral event, or a deletion.
import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { DateTime } from 'luxon';
import { ProviderError } from '../provider-error.js';
import type { EventChange, ProviderEvent } from '../provider.js';
import { windowsToIana } from './windows-zones.js';
import { hasAgenda } from '@ledarsteg/insight';

/** Our tag on every ledartid block: a named single-value extended property (fixed GUID, never change it). */
export const LEDARTID_PROPERTY_ID = 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name LedarstegBlockId';
/** transactionId prefix of our blocks: delta cannot $expand extended properties, so sync recognises blocks by this. */
export const TRANSACTION_PREFIX = 'ledarsteg-block-';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));
const DateTimeTimeZone = Type.Object({ dateTime: Type.String({ minLength: 10 }), timeZone: Type.String() });
const EmailAddress = Type.Object({ address: Nullable(Type.String()), name: Nullable(Type.String()) });

export const GraphEvent = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 200 }),
  subject: Nullable(Type.String()),
  bodyPreview: Nullable(Type.String()),
  body: Nullable(Type.Object({ content: Nullable(Type.String()) })),
  start: DateTimeTimeZone,
  end: DateTimeTimeZone,
  isAllDay: Type.Boolean(),
  isCancelled: Nullable(Type.Boolean()),
  showAs: Nullable(Type.String()),
  type: Nullable(Type.String()),
  seriesMasterId: Nullable(Type.String()),
  originalStart: Nullable(Type.String()),
  originalStartTimeZone: Nullable(Type.String()),
  isOrganizer: Nullable(Type.Boolean()),
  organizer: Nullable(Type.Object({ emailAddress: Nullable(EmailAddress) })),
  attendees: Nullable(Type.Array(Type.Object({ type: Nullable(Type.String()), emailAddress: Nullable(EmailAddress) }))),
  responseStatus: Nullable(Type.Object({ response: Nullable(Type.String()) })),
  iCalUId: Nullable(Type.String()),
  categories: Nullable(Type.Array(Type.String())),
  createdDateTime: Type.String(),
  lastModifiedDateTime: Type.String(),
  transactionId: Nullable(Type.String()),
  singleValueExtendedProperties: Nullable(Type.Array(Type.Object({ id: Type.String(), value: Nullable(Type.String()) }))),
});
export type GraphEvent = Static<typeof GraphEvent>;

const Removed = Type.Object({ id: Type.String({ minLength: 1 }), '@removed': Type.Object({}) });

export interface ConvertContext {
  calendarId: string;
  /** IANA zone used when the event's own zone is missing or unknown (the mailbox zone). */
  fallbackZone: string;
  /** Lower-cased addresses of the leader, to find their own attendee entry. */
  selfAddresses: Set<string>;
}

const SHOW_AS = new Set(['busy', 'free', 'tentative', 'oof', 'workingElsewhere', 'unknown']);
const SELF_RESPONSE: Record<string, ProviderEvent['selfResponse']> = {
  organizer: 'organizer',
  accepted: 'accepted',
  tentativelyAccepted: 'tentative',
  declined: 'declined',
  notResponded: 'needsAction',
  none: 'needsAction',
};

function instant(value: string, zone: string, what: string): string {
  const at = DateTime.fromISO(value, { zone });
  if (!at.isValid) throw new ProviderError('bad_response', `Graph event has an invalid ${what}`);
  return at.toUTC().toISO()!;
}

function blockIdOf(event: GraphEvent): string | undefined {
  const prop = event.singleValueExtendedProperties?.find((p) => p.id.toLowerCase() === LEDARTID_PROPERTY_ID.toLowerCase());
  if (prop?.value) return prop.value;
  return event.transactionId?.startsWith(TRANSACTION_PREFIX) ? event.transactionId.slice(TRANSACTION_PREFIX.length) : undefined;
}

/**
 * Graph has no event type. Out of office is showAs oof; focus time is recognised by the category Outlook
 * and Viva Insights put on focus blocks ("Focus time"): a heuristic, the only signal Graph gives.
 */
function kindOf(event: GraphEvent, showAs: ProviderEvent['showAs']): ProviderEvent['kind'] {
  if (showAs === 'oof') return 'outOfOffice';
  return (event.categories ?? []).some((c) => /^focus ?time$/i.test(c.trim())) ? 'focusTime' : 'default';
}

export function toProviderEvent(event: GraphEvent, ctx: ConvertContext): ProviderEvent {
  const timeZone = windowsToIana(event.originalStartTimeZone) ?? ctx.fallbackZone;
  // All-day rows come back midnight-to-midnight whatever zone we asked for: the date is what counts.
  const start = event.isAllDay
    ? instant(event.start.dateTime.slice(0, 10), timeZone, 'start')
    : instant(event.start.dateTime, windowsToIana(event.start.timeZone) ?? 'UTC', 'start');
  const end = event.isAllDay
    ? instant(event.end.dateTime.slice(0, 10), timeZone, 'end')
    : instant(event.end.dateTime, windowsToIana(event.end.timeZone) ?? 'UTC', 'end');
  const showAs = (SHOW_AS.has(event.showAs ?? '') ? event.showAs : 'unknown') as ProviderEvent['showAs'];
  const people = (event.attendees ?? []).filter((a) => a.type !== 'resource');
  const addresses = new Set(people.map((a) => a.emailAddress?.address?.toLowerCase()).filter((a): a is string => !!a));
  const organizerAddress = event.organizer?.emailAddress?.address?.toLowerCase();
  // Graph lists invitees but not the organizer; count the organizer once, so a solo event counts the leader.
  if (organizerAddress) addresses.add(organizerAddress);
  else if (addresses.size === 0) addresses.add('(self)');
  const self = people.find((a) => ctx.selfAddresses.has(a.emailAddress?.address?.toLowerCase() ?? ''));
  // The whole body when Graph sends it (the preview stops after 255 characters, often inside the Teams join block).
  const description = event.body?.content ?? event.bodyPreview;
  const out: ProviderEvent = {
    provider: 'microsoft',
    calendarId: ctx.calendarId,
    providerEventId: event.id,
    start,
    end,
    timeZone,
    allDay: event.isAllDay,
    status: 'confirmed',
    showAs,
    busy: showAs === 'busy' || showAs === 'tentative' || showAs === 'oof',
    kind: kindOf(event, showAs),
    attendeeCount: addresses.size,
    selfResponse: event.isOrganizer ? 'organizer' : (SELF_RESPONSE[event.responseStatus?.response ?? 'none'] ?? 'needsAction'),
    selfOptional: self?.type === 'optional',
    organizerIsSelf: event.isOrganizer === true,
    createdAt: instant(event.createdDateTime, 'UTC', 'createdDateTime'),
    updatedAt: instant(event.lastModifiedDateTime, 'UTC', 'lastModifiedDateTime'),
    hasTitle: (event.subject ?? '').trim().length > 0,
    // A Teams join block alone is no agenda: only what someone wrote counts.
    hasDescription: hasAgenda(description),
  };
  if (event.iCalUId) out.iCalUid = event.iCalUId;
  if (event.seriesMasterId) out.seriesId = event.seriesMasterId;
  if (event.originalStart) out.originalStart = instant(event.originalStart, 'UTC', 'originalStart');
  const blockId = blockIdOf(event);
  if (blockId) out.ledartidBlockId = blockId;
  if (out.hasTitle) out.title = event.subject!.slice(0, 1024);
  return out;
}

/** One delta row → one change. Cancelled meetings stay in Outlook calendars but no longer take time: a delete. */
export function toChange(row: unknown, ctx: ConvertContext): EventChange {
  if (Value.Check(Removed, row)) return { type: 'delete', providerEventId: row.id };
  if (!Value.Check(GraphEvent, row)) {
    const first = Value.Errors(GraphEvent, row).First();
    throw new ProviderError('bad_response', `Graph returned a malformed event${first ? ` (${first.path}: ${first.message})` : ''}`);
  }
  if (row.isCancelled) {
    const change: EventChange = { type: 'delete', providerEventId: row.id };
    if (row.seriesMasterId) change.seriesId = row.seriesMasterId;
    return change;
  }
  return { type: 'upsert', event: toProviderEvent(row, ctx) };
}
