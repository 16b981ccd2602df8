// Renders stored events and instances as Graph JSON, in the zone asked for with Prefer: outlook.timezone.
import type { DateTime } from 'luxon';
import type { EventInstance, StoredEvent } from './model.js';

export interface ViewOptions {
  /** Zone name exactly as the client asked for it (Windows or IANA); `UTC` by default. */
  zoneName: string;
  zoneIana: string;
  /** Extended property ids to include (from $expand=singleValueExtendedProperties($filter=id eq '…')). */
  expandProperties?: string[];
}

/** Graph's wire format: local wall time with seven fractional digits and no offset. */
export function graphDateTime(value: DateTime, zoneIana: string): string {
  return `${value.setZone(zoneIana).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS")}0000`;
}

function dateTimeTimeZone(value: DateTime, allDay: boolean, view: ViewOptions) {
  // All-day events come back midnight to midnight whatever zone is asked for.
  const dateTime = allDay ? `${value.toISODate()}T00:00:00.0000000` : graphDateTime(value, view.zoneIana);
  return { dateTime, timeZone: view.zoneName };
}

function bodyPreview(event: StoredEvent): string {
  const text = event.body.contentType === 'html' ? event.body.content.replace(/<[^>]*>/g, ' ') : event.body.content;
  return text.replace(/\s+/g, ' ').trim().slice(0, 255);
}

function baseJson(event: StoredEvent, view: ViewOptions) {
  const json: Record<string, unknown> = {
    '@odata.etag': `W/"${event.changeKey}"`,
    id: event.id,
    createdDateTime: event.createdDateTime,
    lastModifiedDateTime: event.lastModifiedDateTime,
    changeKey: event.changeKey,
    categories: event.categories,
    transactionId: event.transactionId ?? null,
    originalStartTimeZone: event.windowsZone,
    originalEndTimeZone: event.windowsZone,
    iCalUId: event.iCalUId,
    reminderMinutesBeforeStart: 15,
    isReminderOn: true,
    hasAttachments: false,
    subject: event.subject,
    bodyPreview: bodyPreview(event),
    importance: 'normal',
    sensitivity: event.sensitivity,
    isAllDay: event.isAllDay,
    isCancelled: event.isCancelled,
    isOrganizer: event.isOrganizer,
    responseRequested: true,
    seriesMasterId: null,
    showAs: event.showAs,
    type: event.type,
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(event.id)}`,
    onlineMeetingUrl: null,
    isOnlineMeeting: false,
    onlineMeetingProvider: 'unknown',
    responseStatus: event.responseStatus,
    body: event.body,
    start: dateTimeTimeZone(event.start, event.isAllDay, view),
    end: dateTimeTimeZone(event.end, event.isAllDay, view),
    location: { displayName: '', locationType: 'default', uniqueIdType: 'unknown' },
    locations: [],
    recurrence: event.recurrence ?? null,
    attendees: event.attendees,
    organizer: event.organizer,
    onlineMeeting: null,
  };
  if (view.expandProperties) {
    const wanted = view.expandProperties;
    const props = event.singleValueExtendedProperties.filter((p) => wanted.includes(p.id));
    // Graph omits the navigation property entirely when nothing matched the $filter.
    if (props.length > 0) json['singleValueExtendedProperties'] = props;
  }
  return json;
}

export function renderEvent(event: StoredEvent, view: ViewOptions): Record<string, unknown> {
  return baseJson(event, view);
}

export function renderInstance(instance: EventInstance, view: ViewOptions): Record<string, unknown> {
  const json = baseJson(instance.event, view);
  if (instance.type === 'singleInstance') return json;
  const override = instance.override;
  json['id'] = instance.id;
  json['type'] = instance.type;
  json['seriesMasterId'] = instance.event.id;
  json['recurrence'] = null;
  json['start'] = dateTimeTimeZone(instance.start, instance.event.isAllDay, view);
  json['end'] = dateTimeTimeZone(instance.end, instance.event.isAllDay, view);
  if (instance.originalStart) json['originalStart'] = instance.originalStart.toUTC().toISO({ suppressMilliseconds: true });
  if (override) {
    json['lastModifiedDateTime'] = override.lastModified;
    json['changeKey'] = override.changeKey;
    json['@odata.etag'] = `W/"${override.changeKey}"`;
    if (override.subject !== undefined) json['subject'] = override.subject;
    if (override.showAs !== undefined) json['showAs'] = override.showAs;
  }
  return json;
}
