// The profiles repository: a leader's profile, created at the first link, changed by their settings, erased with the account.
import { type OutboxMessage, pushToOutbox, retryOnDuplicateKey } from '@ledarsteg/store';
import type { Model } from 'mongoose';
import type { StoredProfile } from './profile-model.js';

/** A profile whose account is being deleted is no longer anyone's. */
const LIVE = { deletedAt: { $exists: false } };

export function profileRepository(model: Model<StoredProfile>) {
  return {
    model,
    byId: (userId: string) => model.findOne({ userId, ...LIVE }).lean<StoredProfile>().exec(),

    /** Refreshes what the provider knows of the leader, or creates the profile; true when it was created. */
    async linkFromProvider(userId: string, fromProvider: Partial<StoredProfile>, onInsert: Partial<StoredProfile>): Promise<boolean> {
      const res = await retryOnDuplicateKey(() => model.updateOne({ userId }, { $set: fromProvider, $setOnInsert: onInsert }, { upsert: true }).exec());
      return res.upsertedCount === 1;
    },

    /**
     * Applies a settings change (dotted paths allowed) and puts its announcement in the outbox, in one document write,
     * only if the profile is still the one read (`readAt` = its updatedAt). Null when it changed meanwhile or is gone.
     */
    applySettings: (userId: string, readAt: Date, set: Record<string, unknown>, message: OutboxMessage) =>
      model
        .findOneAndUpdate({ userId, updatedAt: readAt, ...LIVE }, { $set: set, $push: pushToOutbox(message) }, { new: true })
        .lean<StoredProfile>()
        .exec(),

    /** The leader's last calendar was disconnected: what the other services derived from it is gone. */
    async markCalendarErased(userId: string, at: Date): Promise<void> {
      await model.updateOne({ userId, ...LIVE }, { $set: { calendarErasedAt: at } }).exec();
    },
    /**
     * A calendar is linked again after the last one was disconnected: clears the mark and announces the settings as
     * they are (read at `readAt`), in one write; false when there was no mark (or the profile changed meanwhile).
     */
    async announceReturn(userId: string, readAt: Date, message: OutboxMessage): Promise<boolean> {
      const res = await model
        .updateOne({ userId, updatedAt: readAt, calendarErasedAt: { $exists: true }, ...LIVE }, { $unset: { calendarErasedAt: 1 }, $push: pushToOutbox(message) })
        .exec();
      return res.modifiedCount === 1;
    },

    /** Starts deleting the account: marks the profile and puts the deletion's announcement in its outbox, in one write. */
    async markDeleted(userId: string, at: Date, message: OutboxMessage): Promise<boolean> {
      const res = await model.updateOne({ userId, ...LIVE }, { $set: { deletedAt: at }, $push: pushToOutbox(message) }).exec();
      return res.modifiedCount === 1;
    },
    /** A profile being deleted, or live: the account deletion resumes from it. */
    anyById: (userId: string) => model.findOne({ userId }).lean<StoredProfile>().exec(),
    /** Accounts whose deletion began but did not finish (the process stopped in between). */
    deletionsUnfinished: (limit: number) =>
      model.find({ deletedAt: { $exists: true } }, { userId: 1 }).limit(limit).lean<Pick<StoredProfile, 'userId'>[]>().exec(),
    /** The last step of an account deletion, once its announcement is out: only if nothing is left to relay. */
    async forgetDeleted(userId: string): Promise<boolean> {
      const res = await model.deleteOne({ userId, deletedAt: { $exists: true }, 'outbox.0': { $exists: false } }).exec();
      return res.deletedCount === 1;
    },

    /** Leaders who opted in to automatic booking, with their zone. */
    optedInToAutoBook: () =>
      model.find({ 'optIns.autoBook': true, ...LIVE }, { userId: 1, timeZone: 1 }).lean<Pick<StoredProfile, 'userId' | 'timeZone'>[]>().exec(),
  };
}

export type ProfileRepository = ReturnType<typeof profileRepository>;
