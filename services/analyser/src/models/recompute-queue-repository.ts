// The recompute-queue repository: weeks waiting for analysis, one document per leader, drained by one holder at a time.
import { retryOnDuplicateKey } from '@ledarsteg/store';
import type { Model } from 'mongoose';
import type { StoredRecompute } from './recompute-queue-model.js';

export function recomputeQueueRepository(model: Model<StoredRecompute>) {
  return {
    async mark(userId: string, weeks: string[], at: Date): Promise<void> {
      await retryOnDuplicateKey(() =>
        model.updateOne({ userId }, { $addToSet: { weeks: { $each: weeks } }, $inc: { version: 1 }, $set: { markedAt: at } }, { upsert: true }).exec(),
      );
    },
    /** Takes the leader's queue if it has weeks and nobody holds a live claim. */
    claim: (userId: string, owner: string, until: Date, now: Date) =>
      model
        .findOneAndUpdate(
          { userId, 'weeks.0': { $exists: true }, $or: [{ leaseUntil: null }, { leaseUntil: { $lt: now } }] },
          { $set: { owner, leaseUntil: until } },
          { new: true },
        )
        .lean<StoredRecompute>()
        .exec(),
    get: (userId: string) => model.findOne({ userId }).lean<StoredRecompute>().exec(),
    /** Empties the queue and lets go, only if nothing was marked since `version`; false when it was. */
    async clearIfUnchanged(userId: string, owner: string, version: number): Promise<boolean> {
      const res = await model.updateOne({ userId, owner, version }, { $set: { weeks: [] }, $unset: { owner: 1, leaseUntil: 1 } }).exec();
      return res.modifiedCount === 1;
    },
    /** Keeps the claim for another lease and returns the queue as it now is. */
    extend: (userId: string, owner: string, until: Date) =>
      model.findOneAndUpdate({ userId, owner }, { $set: { leaseUntil: until } }, { new: true }).lean<StoredRecompute>().exec(),
    async release(userId: string, owner: string): Promise<void> {
      await model.updateOne({ userId, owner }, { $unset: { owner: 1, leaseUntil: 1 } }).exec();
    },
    async forgetLeader(userId: string): Promise<void> {
      await model.deleteMany({ userId }).exec();
    },
    /** Leaders whose drainer died with weeks still marked. */
    async abandoned(now: Date, limit: number): Promise<string[]> {
      const docs = await model
        .find({ 'weeks.0': { $exists: true }, $or: [{ leaseUntil: null }, { leaseUntil: { $lt: now } }] })
        .limit(limit)
        .lean<StoredRecompute[]>()
        .exec();
      return docs.map((d) => d.userId);
    },
  };
}

export type RecomputeQueueRepository = ReturnType<typeof recomputeQueueRepository>;
