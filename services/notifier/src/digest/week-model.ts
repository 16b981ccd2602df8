// The analysed weeks the digest is built from: the week ahead, the four before it, and last week's review.
import type { WeekCompleted } from '@ledarsteg/contracts';
import { retryOnDuplicateKey } from '@ledarsteg/store';
import { type Connection, type Model, Schema } from 'mongoose';
import { Collections } from '../collections.js';

export interface StoredWeek {
  userId: string;
  week: string;
  analysedAt: Date;
  /** The week.completed payload as it arrived (titles included: only ever shown in this leader's own digest). */
  data: WeekCompleted;
}

const schema = new Schema<StoredWeek>(
  {
    userId: { type: String, required: true },
    week: { type: String, required: true },
    analysedAt: { type: Date, required: true },
    data: { type: Schema.Types.Mixed, required: true },
  },
  { versionKey: false, collection: Collections.weeks, minimize: false },
);
schema.index({ userId: 1, week: 1 }, { unique: true });

export function weekModel(conn: Connection): Model<StoredWeek> {
  return (conn.models['NotifierWeek'] as Model<StoredWeek> | undefined) ?? conn.model<StoredWeek>('NotifierWeek', schema);
}

export function weekRepository(model: Model<StoredWeek>) {
  return {
    /** Keeps the newest analysis of a week: an older one arriving late changes nothing. */
    async record(data: WeekCompleted): Promise<boolean> {
      const analysedAt = new Date(data.analysedAt);
      const key = { userId: data.userId, week: data.week };
      const existing = await model.findOne(key, { analysedAt: 1 }).lean<Pick<StoredWeek, 'analysedAt'>>().exec();
      if (existing && existing.analysedAt.getTime() >= analysedAt.getTime()) return false;
      if (!existing) {
        const res = await retryOnDuplicateKey(() => model.updateOne(key, { $setOnInsert: { ...key, analysedAt, data } }, { upsert: true }).exec());
        return res.upsertedCount === 1 || this.record(data);
      }
      const res = await model.updateOne({ ...key, analysedAt: existing.analysedAt }, { $set: { analysedAt, data } }).exec();
      return res.modifiedCount === 1 || this.record(data);
    },
    /** Erasure: every analysed week of the leader goes. */
    async forget(userId: string): Promise<number> {
      return (await model.deleteMany({ userId }).exec()).deletedCount;
    },
    of: (userId: string, week: string) => model.findOne({ userId, week }).lean<StoredWeek>().exec(),
    many: (userId: string, weeks: string[]) => model.find({ userId, week: { $in: weeks } }).lean<StoredWeek[]>().exec(),
  };
}

export type WeekRepository = ReturnType<typeof weekRepository>;
