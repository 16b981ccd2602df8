// calendar-sync's copy of each connected calendar: one document per event, stamped with the revision of its last write.
import type { CalendarEvent } from '@ledarsteg/contracts';
import { type Connection, type Model, Schema } from 'mongoose';
import { Collections } from '../collections.js';

/** A CalendarEvent as stored: instants as Dates (UTC), plus the connection it came through and its revision. */
export type StoredEvent = Omit<CalendarEvent, 'start' | 'end' | 'originalStart' | 'createdAt' | 'updatedAt'> & {
  connectionId: string;
  start: Date;
  end: Date;
  originalStart?: Date;
  createdAt: Date;
  updatedAt: Date;
  syncedAt: Date;
  /** The connection's revision counter at this document's last write. */
  rev: number;
};

/**
 * A deleted event: only its keys and the revision of the deletion remain (nothing the leader wrote), so a late, older
 * change can never bring it back. Purged after TOMBSTONE_DAYS.
 */
export interface Tombstone {
  userId: string;
  connectionId: string;
  providerEventId: string;
  rev: number;
  deleted: true;
  deletedAt: Date;
}

export type EventDoc = StoredEvent | Tombstone;

export const isTombstone = (doc: EventDoc): doc is Tombstone => (doc as Tombstone).deleted === true;

/** Longer than any message stays in the CALENDAR stream (14 days), so no change still in flight is older than a purge. */
export const TOMBSTONE_DAYS = 30;

/** Every field a live event has beyond its keys: removed when it becomes a tombstone. */
export const CONTENT_FIELDS = [
  'provider', 'calendarId', 'iCalUid', 'seriesId', 'originalStart', 'start', 'end', 'timeZone', 'allDay', 'status', 'showAs', 'busy',
  'kind', 'attendeeCount', 'selfResponse', 'selfOptional', 'organizerIsSelf', 'createdAt', 'updatedAt', 'ledartidBlockId', 'hasTitle',
  'hasDescription', 'title', 'syncedAt',
] as const;

// Fields are not `required`: a tombstone keeps only the keys. Live events are written whole from validated contract data.
const eventSchema = new Schema<StoredEvent & { deleted?: boolean; deletedAt?: Date }>(
  {
    userId: { type: String, required: true },
    connectionId: { type: String, required: true },
    providerEventId: { type: String, required: true },
    rev: { type: Number, required: true },
    deleted: Boolean,
    deletedAt: Date,
    provider: { type: String, enum: ['google', 'microsoft'] },
    calendarId: String,
    iCalUid: String,
    seriesId: String,
    originalStart: Date,
    start: Date,
    end: Date,
    timeZone: String,
    allDay: Boolean,
    status: String,
    showAs: String,
    busy: Boolean,
    kind: String,
    attendeeCount: Number,
    selfResponse: String,
    selfOptional: Boolean,
    organizerIsSelf: Boolean,
    createdAt: Date,
    updatedAt: Date,
    ledartidBlockId: String,
    hasTitle: Boolean,
    hasDescription: Boolean,
    title: String,
    syncedAt: Date,
  },
  // createdAt/updatedAt are the provider's, not mongoose's.
  { versionKey: false, timestamps: false, collection: Collections.events },
);
eventSchema.index({ connectionId: 1, providerEventId: 1 }, { unique: true });
eventSchema.index({ connectionId: 1, rev: 1 });
eventSchema.index({ connectionId: 1, seriesId: 1 });
eventSchema.index({ connectionId: 1, start: 1 });
eventSchema.index({ deletedAt: 1 }, { sparse: true });

export function eventModel(conn: Connection): Model<EventDoc> {
  return (conn.models['CalendarEvent'] as Model<EventDoc> | undefined) ?? (conn.model('CalendarEvent', eventSchema) as unknown as Model<EventDoc>);
}

export function toStoredEvent(event: CalendarEvent, connectionId: string, syncedAt: Date, rev: number): StoredEvent {
  const { start, end, originalStart, createdAt, updatedAt, ...rest } = event;
  const stored: StoredEvent = {
    ...rest,
    connectionId,
    start: new Date(start),
    end: new Date(end),
    createdAt: new Date(createdAt),
    updatedAt: new Date(updatedAt),
    syncedAt,
    rev,
  };
  if (originalStart !== undefined) stored.originalStart = new Date(originalStart);
  return stored;
}

/** Back to the wire shape; database-only fields are dropped. */
export function fromStoredEvent(doc: StoredEvent & { _id?: unknown; deleted?: unknown; deletedAt?: unknown }): CalendarEvent {
  const { start, end, originalStart, createdAt, updatedAt, connectionId: _c, syncedAt: _s, rev: _r, deleted: _d, deletedAt: _da, _id, ...rest } = doc;
  const event: CalendarEvent = {
    ...rest,
    start: start.toISOString(),
    end: end.toISOString(),
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
  if (originalStart) event.originalStart = originalStart.toISOString();
  for (const key of ['iCalUid', 'seriesId', 'ledartidBlockId', 'title'] as const) {
    if (event[key] === null || event[key] === undefined) delete event[key];
  }
  return event;
}
