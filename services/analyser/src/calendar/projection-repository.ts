// The projection repository: applies changes by revision (idempotent, order-independent) and serves the analysis its events.
import type { CalendarEvent, EventChange } from '@ledarsteg/contracts';
import { isDuplicateKey } from '@ledarsteg/store';
import type { AnyBulkWriteOperation, Model } from 'mongoose';
import { CONTENT_FIELDS, fromProjected, isDeleted, type ProjectedEvent, type ProjectionDoc, TOMBSTONE_DAYS, toProjected } from './projection-model.js';

const REMOVE_CONTENT: Record<string, 1> = Object.fromEntries(CONTENT_FIELDS.map((f) => [f, 1 as const]));
/** Rounds of compare-and-set before giving up (and letting the message be redelivered). */
const MAX_ROUNDS = 5;

/** What one applied change did: the event as it was (if it was live) and as it now is (unless deleted). */
export interface Touched {
  before?: ProjectedEvent;
  after?: CalendarEvent;
}

const idOf = (c: EventChange) => ('event' in c ? c.event.providerEventId : c.deleted);

export function projectionRepository(model: Model<ProjectionDoc>) {
  async function current(connectionId: string, ids: string[]): Promise<Map<string, ProjectionDoc>> {
    const docs = await model.find({ connectionId, providerEventId: { $in: ids } }).lean<ProjectionDoc[]>().exec();
    return new Map(docs.map((d) => [d.providerEventId, d]));
  }

  return {
    /**
     * Applies each change only if its revision is newer than the one held. Writes are compare-and-set on the revision
     * read, so concurrent consumers and redeliveries are harmless: a round that lost a race reads again and retries.
     * Returns what changed, for the weeks to re-analyse.
     */
    async applyChanges(userId: string, connectionId: string, changes: EventChange[], now: Date): Promise<Touched[]> {
      const newest = new Map<string, EventChange>();
      for (const c of changes) if ((newest.get(idOf(c))?.rev ?? 0) < c.rev) newest.set(idOf(c), c);
      let pending = [...newest.values()];
      const touched: Touched[] = [];
      for (let round = 1; pending.length > 0; round++) {
        if (round > MAX_ROUNDS) throw new Error(`changes of ${connectionId} kept losing concurrent writes`);
        const held = await current(connectionId, pending.map(idOf));
        // Untyped here: the $set/$unset pairs differ between a live event and a tombstone, which the typed form cannot say.
        const ops: AnyBulkWriteOperation[] = [];
        const attempted = new Map<string, Touched>();
        for (const c of pending) {
          const id = idOf(c);
          const have = held.get(id);
          if (have && have.rev >= c.rev) continue;
          const key = { connectionId, providerEventId: id };
          const write =
            'event' in c
              ? { $set: toProjected({ ...c.event, userId }, connectionId, c.rev), $unset: { deleted: 1 as const, deletedAt: 1 as const } }
              : { $set: { userId, rev: c.rev, deleted: true, deletedAt: now }, $unset: REMOVE_CONTENT };
          ops.push(
            have
              ? { updateOne: { filter: { ...key, rev: have.rev }, update: write } }
              : // Absent: insert only if still absent; a concurrent insert wins and the next round compares against it.
                { updateOne: { filter: key, update: { $setOnInsert: 'event' in c ? toProjected({ ...c.event, userId }, connectionId, c.rev) : { userId, ...key, rev: c.rev, deleted: true, deletedAt: now } }, upsert: true } },
          );
          attempted.set(id, { ...(have && !isDeleted(have) ? { before: have } : {}), ...('event' in c ? { after: c.event } : {}) });
        }
        if (ops.length > 0) {
          try {
            await model.bulkWrite(ops as AnyBulkWriteOperation<ProjectionDoc>[], { ordered: false });
          } catch (err) {
            // Two inserts of one key at once on real MongoDB: the loser's round reads the winner and compares again.
            if (!isDuplicateKey(err)) throw err;
          }
        }
        const after = await current(connectionId, pending.map(idOf));
        const left: EventChange[] = [];
        for (const c of pending) {
          const rev = after.get(idOf(c))?.rev ?? 0;
          if (rev < c.rev) left.push(c);
          else if (rev === c.rev && attempted.has(idOf(c))) touched.push(attempted.get(idOf(c)) as Touched);
        }
        pending = left;
      }
      return touched;
    },

    /** A leader's live events that overlap [from, to), by start then end: the order the analysis walks them in. */
    async between(userId: string, from: Date, to: Date): Promise<CalendarEvent[]> {
      const docs = await model
        .find({ userId, deleted: { $ne: true }, start: { $lt: to }, end: { $gt: from } })
        .sort({ start: 1, end: 1 })
        .lean<ProjectedEvent[]>()
        .exec();
      return docs.map(fromProjected);
    },

    /** Titles of some of a leader's events, for the leader's own view. */
    async titles(userId: string, ids: string[]): Promise<Map<string, string>> {
      const docs = await model
        .find({ userId, providerEventId: { $in: ids }, deleted: { $ne: true } }, { providerEventId: 1, title: 1 })
        .lean<{ providerEventId: string; title?: string }[]>()
        .exec();
      return new Map(docs.flatMap((d) => (d.title ? [[d.providerEventId, d.title] as const] : [])));
    },

    /** Start and end of every live event of a leader: the weeks a new profile must analyse. */
    spans: (userId: string) => model.find({ userId, deleted: { $ne: true } }, { start: 1, end: 1 }).lean<Pick<ProjectedEvent, 'start' | 'end'>[]>().exec(),

    /** The connections whose events the projection holds for a leader. */
    connectionsOf: (userId: string) => model.distinct('connectionId', { userId }).exec() as Promise<string[]>,
    /** Deletes everything held of one connection, tombstones too; the spans of its live events, for the weeks they leave. */
    async forgetConnection(connectionId: string): Promise<Pick<ProjectedEvent, 'start' | 'end'>[]> {
      const spans = await model.find({ connectionId, deleted: { $ne: true } }, { start: 1, end: 1 }).lean<Pick<ProjectedEvent, 'start' | 'end'>[]>().exec();
      await model.deleteMany({ connectionId }).exec();
      return spans;
    },
    async forgetLeader(userId: string): Promise<number> {
      return (await model.deleteMany({ userId }).exec()).deletedCount;
    },

    async purgeTombstones(now: Date): Promise<number> {
      const res = await model.deleteMany({ deleted: true, deletedAt: { $lt: new Date(now.getTime() - TOMBSTONE_DAYS * 24 * 3600_000) } }).exec();
      return res.deletedCount;
    },
  };
}

export type ProjectionRepository = ReturnType<typeof projectionRepository>;
