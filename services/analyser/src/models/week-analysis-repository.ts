// The analyses repository: one stored analysis per leader and ISO week, and which of its results was announced.
import type { WeekAnalysis, WeekMetrics } from '@ledarsteg/contracts';
import { retryOnDuplicateKey } from '@ledarsteg/store';
import type { Model } from 'mongoose';
import type { StoredWeekAnalysis } from './week-analysis-model.js';

export function weekAnalysisRepository(model: Model<StoredWeekAnalysis>) {
  return {
    /** Stores the week's result; returns the stored document (with the hash last announced). */
    store: (userId: string, week: string, fields: { timeZone: string; analysis: WeekAnalysis; overwrittenBlocks: number; contentHash: string; analysedAt: Date }) =>
      retryOnDuplicateKey(() => model.findOneAndUpdate({ userId, week }, { $set: fields }, { upsert: true, new: true }).lean<StoredWeekAnalysis>().exec()),
    /** Records that `hash` was announced, only if it is still the stored result (a newer one announces itself). */
    async markPublished(userId: string, week: string, hash: string): Promise<void> {
      await model.updateOne({ userId, week, contentHash: hash }, { $set: { publishedHash: hash } }).exec();
    },
    get: (userId: string, week: string) => model.findOne({ userId, week }).lean<StoredWeekAnalysis>().exec(),
    /** Weeks from..to (inclusive), oldest first, at most `limit`. */
    range: (userId: string, from: string, to: string, limit: number) =>
      model.find({ userId, week: { $gte: from, $lte: to } }).sort({ week: 1 }).limit(limit).lean<StoredWeekAnalysis[]>().exec(),
    /** Metrics of those of `weeks` that were analysed, oldest first. */
    async metricsOf(userId: string, weeks: string[]): Promise<WeekMetrics[]> {
      const docs = await model.find({ userId, week: { $in: weeks } }).lean<StoredWeekAnalysis[]>().exec();
      return docs.sort((a, b) => (a.week < b.week ? -1 : 1)).map((d) => d.analysis.metrics);
    },
    async forgetLeader(userId: string): Promise<number> {
      return (await model.deleteMany({ userId }).exec()).deletedCount;
    },
    /** The weeks analysed from `week` on: the ones a change of settings makes stale. */
    async weeksFrom(userId: string, week: string): Promise<string[]> {
      const docs = await model.find({ userId, week: { $gte: week } }, { week: 1 }).lean<{ week: string }[]>().exec();
      return docs.map((d) => d.week);
    },
    count: (filter: { userId: string }) => model.countDocuments(filter).exec(),
  };
}

export type WeekAnalysisRepository = ReturnType<typeof weekAnalysisRepository>;
