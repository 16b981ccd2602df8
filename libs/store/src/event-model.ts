// The synced copy of leaders' calendars: written by calendar-sync, read by the analyser.
import type { CalendarEvent } from '@ledarsteg/contracts';
import { type Connection, type Model, Schema } from 'mongoose';

/** A CalendarEvent as stored: instants as Dates (UTC), plus the connection it came through. */
export type StoredEvent = Omit<CalendarEvent, 'start' | 'end' | 'originalStart' | 'createdAt' | 'updatedAt'> & {
  connectionId: string;
  start: Date;
  end: Date;
  originalStart?: Date;
  createdAt: Date;
  updatedAt: Date;
  syncedAt: Date;
};

const eventSchema = new Schema<StoredEvent>(
  {
    userId: { type: String, required: true },
    connectionId: { type: String, required: true },
    provider: { type: String, required: true, enum: ['google', 'microsoft'] },
    calendarId: { type: String, required: true },
    providerEventId: { type: String, required: true },
    iCalUid: String,
    seriesId: String,
    originalStart: Date,
    start: { type: Date, required: true },
    end: { type: Date, required: true },
    timeZone: { type: String, required: true },
    allDay: { type: Boolean, required: true },
    status: { type: String, required: true },
    showAs: { type: String, required: true },
    busy: { type: Boolean, required: true },
    kind: { type: String, required: true },
    attendeeCount: { type: Number, required: true },
    selfResponse: { type: String, required: true },
    selfOptional: { type: Boolean, required: true },
    organizerIsSelf: { type: Boolean, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    ledartidBlockId: String,
    hasTitle: { type: Boolean, required: true },
    hasDescription: { type: Boolean, required: true },
    title: String,
    syncedAt: { type: Date, required: true },
  },
  // createdAt/updatedAt are the provider's, not mongoose's.
  { versionKey: false, timestamps: false, collection: 'calendar_events' },
);
eventSchema.index({ connectionId: 1, providerEventId: 1 }, { unique: true });
eventSchema.index({ userId: 1, start: 1 });
eventSchema.index({ connectionId: 1, seriesId: 1 });

export function eventModel(conn: Connection): Model<StoredEvent> {
  return (conn.models['CalendarEvent'] as Model<StoredEvent> | undefined) ?? conn.model<StoredEvent>('CalendarEvent', eventSchema);
}

const optionalDate = (v: string | undefined) => (v === undefined ? undefined : new Date(v));

export function toStoredEvent(event: CalendarEvent, connectionId: string, syncedAt: Date): StoredEvent {
  const { start, end, originalStart, createdAt, updatedAt, ...rest } = event;
  const stored: StoredEvent = {
    ...rest,
    connectionId,
    start: new Date(start),
    end: new Date(end),
    createdAt: new Date(createdAt),
    updatedAt: new Date(updatedAt),
    syncedAt,
  };
  const original = optionalDate(originalStart);
  if (original) stored.originalStart = original;
  return stored;
}

/** Back to the wire shape; database-only fields are dropped. */
export function fromStoredEvent(doc: StoredEvent & { _id?: unknown }): CalendarEvent {
  const { start, end, originalStart, createdAt, updatedAt, connectionId: _c, syncedAt: _s, _id, ...rest } = doc;
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

/** Events of a user that overlap [from, to), by start then end: the order the analysis walks them in, so it need not sort. */
export async function eventsBetween(model: Model<StoredEvent>, userId: string, from: Date, to: Date): Promise<CalendarEvent[]> {
  const docs = await model
    .find({ userId, start: { $lt: to }, end: { $gt: from } })
    .sort({ start: 1, end: 1 })
    .lean<StoredEvent[]>()
    .exec();
  return docs.map(fromStoredEvent);
}
