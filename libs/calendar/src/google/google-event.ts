// Converts a Calendar v3 event into the neutral ProviderEvent (or a delete for cancelled events).
import { type CalendarEvent, CalendarEvent as CalendarEventSchema, isKnownZone } from '@ledarsteg/contracts';
import { Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { calendar_v3 } from '@googleapis/calendar';
import { DateTime } from 'luxon';
import { ProviderError } from '../provider-error.js';
import type { EventChange, ProviderEvent } from '../provider.js';
import { hasAgenda } from '@ledarsteg/insight';

type GEvent = calendar_v3.Schema$Event;
type GTime = calendar_v3.Schema$EventDateTime;

export const LEDARTID_PROPERTY = 'ledarstegBlockId';

const checkEvent = TypeCompiler.Compile(Type.Omit(CalendarEventSchema, ['userId']));

function bad(message: string): ProviderError {
  return new ProviderError('bad_response', `google event: ${message}`);
}

function zoneOr(zone: string | null | undefined, fallback: string): string {
  return zone && isKnownZone(zone) ? zone : fallback;
}

/** A UTC instant for a Google time; all-day dates are midnight in `zone`. */
function instant(value: GTime | undefined, zone: string, field: string): string {
  let dt: DateTime | undefined;
  if (value?.dateTime) dt = DateTime.fromISO(value.dateTime, { zone: zoneOr(value.timeZone, zone) });
  else if (value?.date) dt = DateTime.fromISO(value.date, { zone }).startOf('day');
  if (!dt?.isValid) throw bad(`unreadable ${field}`);
  return dt.toUTC().toISO() as string;
}

function kindOf(eventType: string | null | undefined): CalendarEvent['kind'] {
  switch (eventType ?? 'default') {
    case 'default':
    case 'focusTime':
    case 'outOfOffice':
    case 'workingLocation':
      return (eventType ?? 'default') as CalendarEvent['kind'];
    default:
      return 'other';
  }
}

/** The neutral change for one Google event; `calendarZone` is the zone events.list reported. */
export function toEventChange(e: GEvent, calendarId: string, calendarZone: string): EventChange {
  if (!e.id) throw bad('event without id');
  if (e.status === 'cancelled') {
    return { type: 'delete', providerEventId: e.id, ...(e.recurringEventId ? { seriesId: e.recurringEventId } : {}) };
  }
  const zone = zoneOr(e.start?.timeZone, zoneOr(calendarZone, 'UTC'));
  const allDay = Boolean(e.start?.date);
  const attendees = e.attendees ?? [];
  const me = attendees.find((a) => a.self);
  const organizerIsSelf = e.organizer?.self === true || me?.organizer === true;
  const invited = attendees.filter((a) => !a.resource).length;
  const showAs: CalendarEvent['showAs'] =
    e.eventType === 'outOfOffice' ? 'oof' : e.transparency === 'transparent' ? 'free' : e.status === 'tentative' ? 'tentative' : 'busy';
  let selfResponse: CalendarEvent['selfResponse'];
  if (organizerIsSelf || (!me && attendees.length === 0)) selfResponse = 'organizer';
  else selfResponse = (me?.responseStatus as CalendarEvent['selfResponse'] | undefined) ?? 'needsAction';
  const blockId = e.extendedProperties?.private?.[LEDARTID_PROPERTY];
  const updatedAt = e.updated ? instant({ dateTime: e.updated }, 'UTC', 'updated') : undefined;
  const event: ProviderEvent = {
    provider: 'google',
    calendarId,
    providerEventId: e.id,
    ...(e.iCalUID ? { iCalUid: e.iCalUID } : {}),
    ...(e.recurringEventId ? { seriesId: e.recurringEventId } : {}),
    ...(e.originalStartTime ? { originalStart: instant(e.originalStartTime, zone, 'originalStartTime') } : {}),
    start: instant(e.start, zone, 'start'),
    end: instant(e.end, zone, 'end'),
    timeZone: zone,
    allDay,
    status: e.status === 'tentative' ? 'tentative' : 'confirmed',
    showAs,
    busy: showAs !== 'free',
    kind: kindOf(e.eventType),
    // An event nobody was invited to still has the leader in it.
    attendeeCount: Math.max(1, invited),
    selfResponse,
    selfOptional: me?.optional === true,
    organizerIsSelf,
    createdAt: e.created ? instant({ dateTime: e.created }, 'UTC', 'created') : (updatedAt ?? ''),
    updatedAt: updatedAt ?? '',
    ...(blockId ? { ledartidBlockId: blockId } : {}),
    hasTitle: Boolean(e.summary?.trim()),
    // A Meet (or pasted Zoom, Teams, Webex) join block alone is no agenda: only what someone wrote counts.
    hasDescription: hasAgenda(e.description),
    ...(e.summary ? { title: e.summary.slice(0, 1024) } : {}),
  };
  if (!checkEvent.Check(event)) {
    const first = checkEvent.Errors(event).First();
    throw bad(`does not fit the neutral event at ${first?.path}: ${first?.message}`);
  }
  return { type: 'upsert', event };
}
