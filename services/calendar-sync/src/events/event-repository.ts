// The events repository: calendar-sync's copy of each calendar, written a page at a time, every write with its revision.
import type { CalendarEvent } from '@ledarsteg/contracts';
import type { AnyBulkWriteOperation, Model } from 'mongoose';
import { CONTENT_FIELDS, type EventDoc, type StoredEvent, TOMBSTONE_DAYS, toStoredEvent } from './event-model.js';

const REMOVE_CONTENT: Record<string, 1> = Object.fromEntries(CONTENT_FIELDS.map((f) => [f, 1 as const]));

export interface PageWrites {
  /** Events to store, with what the copy held for them (a live event or a tombstone), if anything. */
  upserts: { event: CalendarEvent; existing?: EventDoc }[];
  /** Live events that are gone at the provider. */
  deletes: StoredEvent[];
}

export function eventRepository(model: Model<EventDoc>) {
  return {
    /** What the copy holds for these ids, tombstones included. */
    async byIds(connectionId: string, ids: string[]): Promise<Map<string, EventDoc>> {
      if (ids.length === 0) return new Map();
      const docs = await model.find({ connectionId, providerEventId: { $in: ids } }).lean<EventDoc[]>().exec();
      return new Map(docs.map((d) => [d.providerEventId, d]));
    },

    /** Whether the copy holds anything of the connection, tombstones included. */
    holdsAny: async (connectionId: string): Promise<boolean> => (await model.exists({ connectionId }).exec()) !== null,

    /** Live events with one of these ids, or instances of a series with one of these ids (a deleted master takes them along). */
    liveByIdsOrSeries: (connectionId: string, ids: string[]) =>
      model
        .find({ connectionId, deleted: { $ne: true }, $or: [{ providerEventId: { $in: ids } }, { seriesId: { $in: ids } }] })
        .lean<StoredEvent[]>()
        .exec(),

    /** Live events overlapping the window: what a full pass must see again, or they were deleted meanwhile. */
    liveInWindow: (connectionId: string, window: { start: Date; end: Date }) =>
      model
        .find({ connectionId, deleted: { $ne: true }, start: { $lt: window.end }, end: { $gte: window.start } })
        .lean<StoredEvent[]>()
        .exec(),

    /** Every live event of the connection, by start. */
    live: (connectionId: string) => model.find({ connectionId, deleted: { $ne: true } }).sort({ start: 1 }).lean<StoredEvent[]>().exec(),

    /**
     * Applies one page: upserts then deletions, revisions `firstRev`, `firstRev + 1`, … in that order (the caller
     * allocated them). A deletion leaves a tombstone; an upsert over a tombstone brings the event back with a newer rev.
     * Returns the documents as written, in revision order.
     */
    async applyPage(connectionId: string, page: PageWrites, firstRev: number, syncedAt: Date): Promise<EventDoc[]> {
      let rev = firstRev;
      const ops: AnyBulkWriteOperation<EventDoc>[] = [];
      // What each document now says, in revision order: the caller can announce the page without reading it back.
      const written: EventDoc[] = [];
      for (const { event, existing } of page.upserts) {
        const doc = toStoredEvent(event, connectionId, syncedAt, rev++);
        written.push(doc);
        // New events are inserted: this sync holds the connection's lease, so nobody else writes them meanwhile, and an
        // insert avoids a lookup per event (on real MongoDB the unique index still guards the key).
        ops.push(
          existing
            ? { updateOne: { filter: { connectionId, providerEventId: event.providerEventId }, update: { $set: doc, $unset: { deleted: 1, deletedAt: 1 } } } }
            : { insertOne: { document: doc } },
        );
      }
      for (const gone of page.deletes) {
        written.push({ userId: gone.userId, connectionId, providerEventId: gone.providerEventId, rev, deleted: true, deletedAt: syncedAt });
        ops.push({
          updateOne: {
            filter: { connectionId, providerEventId: gone.providerEventId },
            update: { $set: { rev: rev++, deleted: true, deletedAt: syncedAt }, $unset: REMOVE_CONTENT },
          },
        });
      }
      if (ops.length > 0) await model.bulkWrite(ops, { ordered: false });
      return written;
    },

    /** Everything written after revision `after`, oldest first: the outbox of calendar.events.changed.v1 (and a replay from 0). */
    after: (connectionId: string, after: number, limit: number) =>
      model.find({ connectionId, rev: { $gt: after } }).sort({ rev: 1 }).limit(limit).lean<EventDoc[]>().exec(),

    /** Forgets tombstones older than TOMBSTONE_DAYS: no change still in flight can be older than that. */
    /** Deletes the whole copy of a connection, tombstones too; the number of events that were live. */
    async forgetConnection(connectionId: string): Promise<number> {
      const live = await model.countDocuments({ connectionId, deleted: { $ne: true } }).exec();
      await model.deleteMany({ connectionId }).exec();
      return live;
    },
    async purgeTombstones(now: Date): Promise<number> {
      const before = new Date(now.getTime() - TOMBSTONE_DAYS * 24 * 3600_000);
      const res = await model.deleteMany({ deleted: true, deletedAt: { $lt: before } }).exec();
      return res.deletedCount;
    },

    /** Connections holding events written before revisions existed (an upgrade); stampLegacy gives them revisions. */
    legacyConnections: () => model.distinct('connectionId', { rev: { $exists: false } }).exec() as Promise<string[]>,
    legacyIds: (connectionId: string, limit: number) =>
      model.find({ connectionId, rev: { $exists: false } }, { providerEventId: 1 }).limit(limit).lean<Pick<StoredEvent, 'providerEventId'>[]>().exec(),
    async stampLegacy(connectionId: string, ids: string[], firstRev: number): Promise<void> {
      let rev = firstRev;
      const ops = ids.map((providerEventId) => ({ updateOne: { filter: { connectionId, providerEventId, rev: { $exists: false } }, update: { $set: { rev: rev++ } } } }));
      if (ops.length > 0) await model.bulkWrite(ops, { ordered: false });
    },
  };
}

export type EventRepository = ReturnType<typeof eventRepository>;
