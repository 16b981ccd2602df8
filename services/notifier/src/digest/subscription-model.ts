// A leader's digest subscription: their settings as the settings owner last published them, and the next digest due.
import type { DigestSchedule, LedartidGoal, WorkingDay } from '@ledarsteg/contracts';
import { retryOnDuplicateKey } from '@ledarsteg/store';
import { type Connection, type Model, Schema } from 'mongoose';
import { Collections } from '../collections.js';

export interface DigestSubscription {
  userId: string;
  email?: string;
  displayName?: string;
  locale: 'sv' | 'en';
  timeZone: string;
  weeklyDigest: boolean;
  digestAt: DigestSchedule;
  autoBook: boolean;
  workingHours: WorkingDay[];
  ledartidGoal: LedartidGoal;
  /** The settings' own time: a change older than the one held is ignored. */
  changedAt: Date;
  /** When the next digest is due, and for which week; absent when the leader gets none. */
  dueAt?: Date;
  dueWeek?: string;
  /** Temporary failures of the digest now due. */
  attempts: number;
  /** The instance sending the due digest, until when. */
  leaseOwner?: string;
  leaseUntil?: Date;
  /** The last digest the mail server refused for good, kept on the leader for support. */
  lastFailure?: { week: string; code: string; permanent: boolean; at: Date };
}

const schema = new Schema<DigestSubscription>(
  {
    userId: { type: String, required: true },
    email: String,
    displayName: String,
    locale: { type: String, required: true },
    timeZone: { type: String, required: true },
    weeklyDigest: { type: Boolean, required: true },
    digestAt: { type: new Schema({ weekday: Number, time: String }, { _id: false }), required: true },
    autoBook: { type: Boolean, required: true },
    workingHours: { type: [new Schema({ weekday: Number, start: String, end: String }, { _id: false })], default: [] },
    ledartidGoal: { type: Schema.Types.Mixed, required: true },
    changedAt: { type: Date, required: true },
    dueAt: Date,
    dueWeek: String,
    attempts: { type: Number, default: 0 },
    leaseOwner: String,
    leaseUntil: Date,
    lastFailure: { type: Schema.Types.Mixed },
  },
  { versionKey: false, collection: Collections.subscriptions },
);
schema.index({ userId: 1 }, { unique: true });
schema.index({ weeklyDigest: 1, dueAt: 1 });

export function subscriptionModel(conn: Connection): Model<DigestSubscription> {
  return (conn.models['NotifierDigestSubscription'] as Model<DigestSubscription> | undefined) ?? conn.model<DigestSubscription>('NotifierDigestSubscription', schema);
}

export type SettingsFields = Omit<DigestSubscription, 'userId' | 'dueAt' | 'dueWeek' | 'attempts' | 'leaseOwner' | 'leaseUntil' | 'lastFailure'>;
export type Due = { dueAt: Date; dueWeek: string } | undefined;

const leaseFree = (now: Date) => [{ leaseUntil: { $exists: false } }, { leaseUntil: null }, { leaseUntil: { $lt: now } }];

/** The subscriptions repository: settings in, due digests out, each claimed by one instance at a time. */
export function subscriptionRepository(model: Model<DigestSubscription>) {
  return {
    byId: (userId: string) => model.findOne({ userId }).lean<DigestSubscription>().exec(),
    /** Erasure: the leader's digest settings and schedule go. */
    async forget(userId: string): Promise<boolean> {
      return (await model.deleteMany({ userId }).exec()).deletedCount > 0;
    },

    /**
     * Replaces the settings and the schedule when `changedAt` is newer than the settings held; false when an equal or
     * newer change is already held. A new schedule drops any lease and retry count: the next digest starts afresh.
     */
    async applySettings(userId: string, settings: SettingsFields, due: Due): Promise<boolean> {
      const existing = await model.findOne({ userId }, { changedAt: 1 }).lean<Pick<DigestSubscription, 'changedAt'>>().exec();
      if (existing && existing.changedAt.getTime() >= settings.changedAt.getTime()) return false;
      const update = {
        $set: { ...settings, attempts: 0, ...(due ? due : {}) },
        $unset: { leaseOwner: 1, leaseUntil: 1, ...(due ? {} : { dueAt: 1, dueWeek: 1 }), ...(settings.displayName ? {} : { displayName: 1 }), ...(settings.email ? {} : { email: 1 }) },
      };
      if (!existing) {
        const res = await retryOnDuplicateKey(() => model.updateOne({ userId }, { ...update, $setOnInsert: { userId } }, { upsert: true }).exec());
        if (res.upsertedCount === 1) return true;
        return this.applySettings(userId, settings, due);
      }
      // Conditional on the change we read, so a newer one written meanwhile is never overwritten.
      const res = await model.updateOne({ userId, changedAt: existing.changedAt }, update).exec();
      return res.modifiedCount === 1 ? true : this.applySettings(userId, settings, due);
    },

    /** Up to `limit` leaders whose digest is due and not being sent by a live instance. */
    due: (now: Date, limit: number) =>
      model
        .find({ weeklyDigest: true, dueAt: { $lte: now }, $or: leaseFree(now) }, { userId: 1, dueAt: 1 })
        .sort({ dueAt: 1 })
        .limit(limit)
        .lean<Pick<DigestSubscription, 'userId' | 'dueAt'>[]>()
        .exec(),

    /** Claims the due digest for `owner` by a conditional update: of two instances, only one matches. */
    claim: (userId: string, dueAt: Date, owner: string, now: Date, leaseMs: number) =>
      model
        .findOneAndUpdate(
          { userId, weeklyDigest: true, dueAt, $or: leaseFree(now) },
          { $set: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs) } },
          { new: true },
        )
        .lean<DigestSubscription>()
        .exec(),

    /** Moves the schedule on (next week's digest, or a retry of this one) if `owner` still holds the claim. */
    async reschedule(userId: string, owner: string, set: { dueAt: Date; dueWeek: string; attempts: number; lastFailure?: DigestSubscription['lastFailure'] }): Promise<boolean> {
      const res = await model.updateOne({ userId, leaseOwner: owner }, { $set: set, $unset: { leaseOwner: 1, leaseUntil: 1 } }).exec();
      return res.modifiedCount === 1;
    },

    /**
     * Applies the leader's own choice from a digest link at once, ahead of the settings owner's confirmation: `at` becomes
     * the settings' time, so an older settings message still on its way cannot undo it. False for an unknown leader.
     */
    async choose(userId: string, choice: { weeklyDigest: false } | { digestAt: DigestSchedule }, at: Date, due: (sub: DigestSubscription) => Due): Promise<boolean> {
      for (;;) {
        const sub = await model.findOne({ userId }).lean<DigestSubscription>().exec();
        if (!sub) return false;
        const next = { ...sub, ...choice };
        const when = due(next);
        const changedAt = new Date(Math.max(at.getTime(), sub.changedAt.getTime() + 1));
        const res = await model
          .updateOne(
            { userId, changedAt: sub.changedAt },
            { $set: { ...choice, changedAt, attempts: 0, ...(when ?? {}) }, $unset: { leaseOwner: 1, leaseUntil: 1, ...(when ? {} : { dueAt: 1, dueWeek: 1 }) } },
          )
          .exec();
        if (res.modifiedCount === 1) return true;
      }
    },

    /** Gives the claim back untouched, to be picked up again at once. */
    async release(userId: string, owner: string): Promise<void> {
      await model.updateOne({ userId, leaseOwner: owner }, { $unset: { leaseOwner: 1, leaseUntil: 1 } }).exec();
    },
  };
}

export type SubscriptionRepository = ReturnType<typeof subscriptionRepository>;
