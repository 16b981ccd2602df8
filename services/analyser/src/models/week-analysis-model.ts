// Stored week analyses, one per leader and ISO week: what the routes serve and the trend of later weeks reads.
import type { WeekAnalysis } from '@ledarsteg/contracts';
import { type Connection, type Model, Schema } from 'mongoose';
import { Collections } from '../collections.js';

export type StoredWeekAnalysis = {
  userId: string;
  week: string;
  timeZone: string;
  analysis: WeekAnalysis;
  /** Booked blocks a meeting overwrote this week, as counted by the defence. */
  overwrittenBlocks: number;
  /** Hash of what was analysed (not when): equal hashes mean an identical recompute. */
  contentHash: string;
  /** The content hash last announced on analysis.week.completed.v1. */
  publishedHash?: string;
  analysedAt: Date;
};

const schema = new Schema<StoredWeekAnalysis>(
  {
    userId: { type: String, required: true },
    week: { type: String, required: true },
    timeZone: { type: String, required: true },
    analysis: { type: Schema.Types.Mixed, required: true },
    overwrittenBlocks: { type: Number, required: true },
    contentHash: { type: String, required: true },
    publishedHash: String,
    analysedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: Collections.analyses, minimize: false },
);
schema.index({ userId: 1, week: 1 }, { unique: true });

export function weekAnalysisModel(conn: Connection): Model<StoredWeekAnalysis> {
  return (conn.models['WeekAnalysis'] as Model<StoredWeekAnalysis> | undefined) ?? conn.model<StoredWeekAnalysis>('WeekAnalysis', schema);
}
