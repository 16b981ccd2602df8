// A leader's week as their coach sees it: totals only, stored for the coach the leader shared it with.
import { retryOnDuplicateKey } from '@ledarsteg/store';
import { type Connection, type Model, Schema } from 'mongoose';
import { Collections } from './collections.js';

export interface WeekSummary {
  userId: string;
  /** The coach this copy was shared with; a change of coach deletes it. */
  coachId: string;
  week: string;
  timeZone: string;
  meetingMinutes: number;
  meetingCount: number;
  focusMinutes: number;
  flaggedMeetings: number;
  ledartid: { bookedMinutes: number; keptMinutes: number; overwrittenMinutes: number };
  firefightingIndex: number;
  analysedAt: Date;
}

const weekSummarySchema = new Schema<WeekSummary>(
  {
    userId: { type: String, required: true },
    coachId: { type: String, required: true },
    week: { type: String, required: true },
    timeZone: { type: String, required: true },
    meetingMinutes: { type: Number, required: true },
    meetingCount: { type: Number, required: true },
    focusMinutes: { type: Number, required: true },
    flaggedMeetings: { type: Number, required: true },
    ledartid: {
      bookedMinutes: { type: Number, required: true },
      keptMinutes: { type: Number, required: true },
      overwrittenMinutes: { type: Number, required: true },
    },
    firefightingIndex: { type: Number, required: true },
    analysedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: Collections.summaries },
);
weekSummarySchema.index({ userId: 1, week: 1 }, { unique: true });
weekSummarySchema.index({ coachId: 1, userId: 1, week: -1 });

export function weekSummaryModel(conn: Connection): Model<WeekSummary> {
  return (conn.models['CoachWeekSummary'] as Model<WeekSummary> | undefined) ?? conn.model<WeekSummary>('CoachWeekSummary', weekSummarySchema);
}

/** The week-summaries repository: the weeks a coach may see, kept only while the leader shares with that coach. */
export function weekSummaryRepository(model: Model<WeekSummary>) {
  return {
    async store(summary: WeekSummary): Promise<void> {
      await retryOnDuplicateKey(() => model.updateOne({ userId: summary.userId, week: summary.week }, { $set: summary }, { upsert: true }).exec());
    },
    /** Deletes every stored week of `userId` that no coach may see any longer (all of them without a coach). */
    async purgeUnshared(userId: string, coachId: string | undefined): Promise<number> {
      const res = await model.deleteMany(coachId ? { userId, coachId: { $ne: coachId } } : { userId }).exec();
      return res.deletedCount;
    },
    async forgetLeader(userId: string): Promise<number> {
      return (await model.deleteMany({ userId }).exec()).deletedCount;
    },
    async removeFor(userId: string, coachId: string): Promise<void> {
      await model.deleteMany({ userId, coachId }).exec();
    },
    latest: (userId: string, coachId: string) => model.findOne({ userId, coachId }).sort({ week: -1 }).lean<WeekSummary>().exec(),
    range: (userId: string, coachId: string, weeks: { from?: string; to?: string }, limit: number) => {
      const week: Record<string, string> = {};
      if (weeks.from) week['$gte'] = weeks.from;
      if (weeks.to) week['$lte'] = weeks.to;
      return model
        .find({ userId, coachId, ...(weeks.from || weeks.to ? { week } : {}) })
        .sort({ week: 1 })
        .limit(limit)
        .lean<WeekSummary[]>()
        .exec();
    },
  };
}

export type WeekSummaryRepository = ReturnType<typeof weekSummaryRepository>;
