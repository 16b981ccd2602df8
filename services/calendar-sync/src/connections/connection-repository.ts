// The connections repository: every read and write of a leader's link to a provider account, by name.
import type { ProviderName } from '@ledarsteg/calendar';
import { type OutboxMessage, pushToOutbox, retryOnDuplicateKey } from '@ledarsteg/store';
import type { Model } from 'mongoose';
import type { StoredConnection, StoredWatch } from './connection-model.js';

type Filter = Record<string, unknown>;

export interface LinkFields {
  set: Record<string, unknown>;
  /** Fields of a new connection only: its ids. */
  onInsert: Pick<StoredConnection, 'connectionId' | 'userId'>;
}

export function connectionRepository(model: Model<StoredConnection>) {
  const one = (filter: Filter) => model.findOne(filter).lean<StoredConnection>().exec();
  const update = (filter: Filter, change: Record<string, unknown>, opts: { upsert?: boolean } = {}) => model.updateOne(filter, change, opts).exec();

  return {
    model,
    byId: (connectionId: string) => one({ connectionId }),
    /** Every connection of a leader, whatever its state. */
    ofLeader: (userId: string) => model.find({ userId }).lean<StoredConnection[]>().exec(),
    /** How many other calendars of the leader are still linked (active or waiting for the leader to reconnect). */
    countOtherLinked: (userId: string, connectionId: string) =>
      model.countDocuments({ userId, connectionId: { $ne: connectionId }, status: { $ne: 'disconnected' } }).exec(),
    byAccount: (provider: ProviderName, accountId: string) => one({ provider, accountId }),
    activeByWatchChannel: (channelId: string) => one({ 'watch.channelId': channelId, status: 'active' }),
    activeByWatchResource: (resourceId: string) => one({ 'watch.resourceId': resourceId, status: 'active' }),

    /**
     * Creates the connection of a provider account or relinks it, keyed by {provider, accountId}. Two callbacks for
     * one account at once: the upsert's own match makes the second an update; on real MongoDB the unique index
     * may instead reject its insert, and running it again updates the winner's document.
     */
    async link(provider: ProviderName, accountId: string, fields: LinkFields): Promise<StoredConnection | null> {
      await retryOnDuplicateKey(() =>
        update(
          { provider, accountId },
          // A relink settles any needs-reauth announcement still waiting in the outbox.
          { $set: fields.set, $unset: { reauthPending: 1 }, $setOnInsert: { ...fields.onInsert, provider, accountId } },
          { upsert: true },
        ),
      );
      return one({ provider, accountId });
    },

    /** New sealed tokens (a refresh, a key rotation); only while the connection is active when `activeOnly`. */
    async storeTokens(connectionId: string, set: Partial<StoredConnection>, opts: { activeOnly?: boolean } = {}): Promise<void> {
      await update({ connectionId, ...(opts.activeOnly ? { status: 'active' } : {}) }, { $set: set });
    },

    /** active → needs_reauth, with the announcement in the outbox; false when it was not active (already announced). */
    async markNeedsReauth(connectionId: string, reauthPending: { reason: string; detectedAt: Date }, now: Date): Promise<boolean> {
      const res = await update({ connectionId, status: 'active' }, { $set: { status: 'needs_reauth', updatedAt: now, reauthPending } });
      return res.modifiedCount === 1;
    },
    async clearReauthPending(connectionId: string): Promise<void> {
      await update({ connectionId, status: 'needs_reauth' }, { $unset: { reauthPending: 1 } });
    },

    /**
     * Forgets tokens, cursor and watch and puts the disconnect's announcement in the outbox, in one write; the erasure
     * of the copy and of the connection follows (and is resumed from this state after a crash).
     */
    async markDisconnected(connectionId: string, now: Date, announcement: OutboxMessage): Promise<void> {
      await update(
        { connectionId, status: { $ne: 'disconnected' } },
        {
          $set: { status: 'disconnected', updatedAt: now },
          $unset: { accessToken: 1, refreshToken: 1, expiresAt: 1, cursor: 1, watch: 1, notBefore: 1, reauthPending: 1, pendingWeeks: 1, email: 1, displayName: 1 },
          $push: pushToOutbox(announcement),
        },
      );
    },
    /** Disconnected connections still to be erased. */
    async disconnectedIds(limit: number): Promise<string[]> {
      const docs = await model.find({ status: 'disconnected' }, { connectionId: 1 }).limit(limit).lean<Pick<StoredConnection, 'connectionId'>[]>().exec();
      return docs.map((d) => d.connectionId);
    },
    /** The last step of a disconnect: the connection goes once nothing waits in its outbox. */
    async forgetDisconnected(connectionId: string): Promise<boolean> {
      const res = await model.deleteOne({ connectionId, status: 'disconnected', 'outbox.0': { $exists: false } }).exec();
      return res.deletedCount === 1;
    },

    /** Takes the connection's sync lease if nobody holds a live one; counts the run. Null when another sync holds it. */
    claimSyncLease: (connectionId: string, owner: string, until: Date, now: Date) =>
      model
        .findOneAndUpdate(
          { connectionId, $or: [{ syncLeaseUntil: null }, { syncLeaseUntil: { $lt: now } }] },
          { $set: { syncLeaseUntil: until, syncOwner: owner }, $inc: { syncRuns: 1 } },
          { new: true },
        )
        .lean<StoredConnection>()
        .exec(),
    async releaseSyncLease(connectionId: string, owner: string): Promise<void> {
      await update({ connectionId, syncOwner: owner }, { $unset: { syncLeaseUntil: 1, syncOwner: 1 } });
    },

    async saveCursor(connectionId: string, cursor: string): Promise<void> {
      await update({ connectionId }, { $set: { cursor } });
    },
    async clearCursor(connectionId: string): Promise<void> {
      await update({ connectionId }, { $unset: { cursor: 1 } });
    },
    /** A sync finished: when, and any rate-limit pause of the connection is over. Returns the connection as it now is. */
    /** Records a finished sync; `timeZone` when the provider reported the calendar's zone changed. */
    markSynced: (connectionId: string, at: Date, timeZone?: string) =>
      model
        .findOneAndUpdate(
          { connectionId },
          { $set: { lastSyncedAt: at, updatedAt: at, ...(timeZone ? { timeZone } : {}) }, $unset: { notBefore: 1 } },
          { new: true },
        )
        .lean<StoredConnection>()
        .exec(),
    async addPendingWeeks(connectionId: string, weeks: string[]): Promise<void> {
      await update({ connectionId }, { $addToSet: { pendingWeeks: { $each: weeks } } });
    },
    async clearPendingWeeks(connectionId: string, weeks: string[]): Promise<void> {
      await update({ connectionId }, { $pullAll: { pendingWeeks: weeks } });
    },

    /** Hands out `count` new revisions; returns the last (the first is `last - count + 1`). */
    async allocateRevs(connectionId: string, count: number): Promise<number> {
      const doc = await model.findOneAndUpdate({ connectionId }, { $inc: { rev: count } }, { new: true }).lean<StoredConnection>().exec();
      if (!doc?.rev) throw new Error(`connection ${connectionId} vanished while its events were written`);
      return doc.rev;
    },
    /** Changes up to `rev` are published; only ever moves forward. */
    async markAnnounced(connectionId: string, rev: number): Promise<void> {
      await update({ connectionId, $or: [{ announcedRev: null }, { announcedRev: { $lt: rev } }] }, { $set: { announcedRev: rev } });
    },

    async pauseUntil(connectionId: string, until: Date): Promise<void> {
      await update({ connectionId }, { $set: { notBefore: until } });
    },

    /** Stores a new or renewed watch only if the one we read (`expected`) is still in place; false when it was replaced meanwhile. */
    async storeWatch(connectionId: string, expectedChannelId: string | undefined, watch: StoredWatch): Promise<boolean> {
      const res = await update(
        { connectionId, status: 'active', 'watch.channelId': expectedChannelId ?? { $exists: false } },
        { $set: { watch } },
      );
      return res.modifiedCount === 1;
    },
    /**
     * Raises the highest Google message number acted on for the channel to `n`; a lower or equal `n` changes nothing
     * (one conditional write, so concurrent deliveries never lower it). False when nothing changed.
     */
    async acceptGoogleMessage(connectionId: string, channelId: string, n: number): Promise<boolean> {
      const res = await update(
        {
          connectionId,
          status: 'active',
          'watch.channelId': channelId,
          $or: [{ 'watch.lastMessageNumber': { $exists: false } }, { 'watch.lastMessageNumber': { $lt: n } }],
        },
        { $set: { 'watch.lastMessageNumber': n } },
      );
      return res.modifiedCount === 1;
    },
    /** Active, synced connections whose watch is missing or expires before `soon`. */
    async watchesDue(soon: Date): Promise<string[]> {
      const due = await model
        .find({ status: 'active', lastSyncedAt: { $exists: true }, $or: [{ watch: { $exists: false } }, { 'watch.expiresAt': { $lt: soon } }] }, { connectionId: 1 })
        .lean<Pick<StoredConnection, 'connectionId'>[]>()
        .exec();
      return due.map((c) => c.connectionId);
    },
    /** What the poll tick looks at: active connections, and broken ones whose announcement is still in the outbox. */
    dueForPoll: () =>
      model.find({ $or: [{ status: 'active' }, { status: 'needs_reauth', reauthPending: { $exists: true } }] }).lean<StoredConnection[]>().exec(),
    /** Connections whose copy a replay re-publishes: one, a leader's, or all. */
    forReplay: (scope: { userId?: string; connectionId?: string }) =>
      model
        .find({ ...(scope.connectionId ? { connectionId: scope.connectionId } : {}), ...(scope.userId ? { userId: scope.userId } : {}) })
        .lean<StoredConnection[]>()
        .exec(),
  };
}

export type ConnectionRepository = ReturnType<typeof connectionRepository>;
