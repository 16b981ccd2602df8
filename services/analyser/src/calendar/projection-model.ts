// The analyser's own projection of each leader's calendar, built from calendar.events.changed.v1: one document per event.
import type { CalendarEvent } from '@ledarsteg/contracts';
import { type Connection, type Model, Schema } from 'mongoose';
import { Collections } from '../collections.js';

/** An event as the analyser keeps it: instants as Dates, with the connection it came through and its revision there. */
export type ProjectedEvent = Omit<CalendarEvent, 'start' | 'end' | 'originalStart' | 'createdAt' | 'updatedAt'> & {
  connectionId: string;
  rev: number;
  start: Date;
  end: Date;
  originalStart?: Date;
  createdAt: Date;
  updatedAt: Date;
  deleted?: false;
};

/** A deleted event: its keys and the revision of the deletion, so an older change arriving late cannot bring it back. */
export interface ProjectedTombstone {
  userId: string;
  connectionId: string;
  providerEventId: string;
  rev: number;
  deleted: true;
  deletedAt: Date;
}

export type ProjectionDoc = ProjectedEvent | ProjectedTombstone;

export const isDeleted = (doc: ProjectionDoc): doc is ProjectedTombstone => doc.deleted === true;

export const CONTENT_FIELDS = [
  'provider', 'calendarId', 'iCalUid', 'seriesId', 'originalStart', 'start', 'end', 'timeZone', 'allDay', 'status', 'showAs', 'busy',
  'kind', 'attendeeCount', 'selfResponse', 'selfOptional', 'organizerIsSelf', 'createdAt', 'updatedAt', 'ledartidBlockId', 'hasTitle',
  'hasDescription', 'title',
] as const;

/** Tombstones outlive every message still in the CALENDAR stream (14 days) before they are purged. */
export const TOMBSTONE_DAYS = 30;

const schema = new Schema(
  {
    userId: { type: String, required: true },
    connectionId: { type: String, required: true },
    providerEventId: { type: String, required: true },
    rev: { type: Number, required: true },
    deleted: Boolean,
    deletedAt: Date,
    provider: String,
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
  },
  // createdAt/updatedAt are the provider's, not mongoose's.
  { versionKey: false, timestamps: false, collection: Collections.calendar },
);
schema.index({ connectionId: 1, providerEventId: 1 }, { unique: true });
schema.index({ userId: 1, start: 1 });
schema.index({ deletedAt: 1 }, { sparse: true });

export function projectionModel(conn: Connection): Model<ProjectionDoc> {
  return (conn.models['CalendarProjection'] as Model<ProjectionDoc> | undefined) ?? (conn.model('CalendarProjection', schema) as unknown as Model<ProjectionDoc>);
}

export function toProjected(event: CalendarEvent, connectionId: string, rev: number): ProjectedEvent {
  const { start, end, originalStart, createdAt, updatedAt, ...rest } = event;
  const doc: ProjectedEvent = {
    ...rest,
    connectionId,
    rev,
    start: new Date(start),
    end: new Date(end),
    createdAt: new Date(createdAt),
    updatedAt: new Date(updatedAt),
  };
  if (originalStart !== undefined) doc.originalStart = new Date(originalStart);
  return doc;
}

/** Back to the contract's shape; projection-only fields are dropped. */
export function fromProjected(doc: ProjectedEvent & { _id?: unknown; deletedAt?: unknown }): CalendarEvent {
  const { start, end, originalStart, createdAt, updatedAt, connectionId: _c, rev: _r, deleted: _d, deletedAt: _da, _id, ...rest } = doc;
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
