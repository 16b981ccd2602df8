// Weeks waiting to be re-analysed, one document per leader: bursts of synced messages collapse into it.
import { type Connection, type Model, Schema } from 'mongoose';
import { Collections } from '../collections.js';

export type StoredRecompute = {
  userId: string;
  /** ISO weeks (leader's zone) whose events changed since the last analysis. */
  weeks: string[];
  /** Bumped on every mark: a drainer only clears the queue if nothing arrived while it worked. */
  version: number;
  /** Who is draining, and until when the claim holds if they die. */
  owner?: string;
  leaseUntil?: Date;
  markedAt: Date;
};

const schema = new Schema<StoredRecompute>(
  {
    userId: { type: String, required: true },
    weeks: { type: [String], default: [] },
    version: { type: Number, required: true },
    owner: String,
    leaseUntil: Date,
    markedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: Collections.recompute },
);
schema.index({ userId: 1 }, { unique: true });
schema.index({ leaseUntil: 1 });

export function recomputeModel(conn: Connection): Model<StoredRecompute> {
  return (conn.models['AnalysisRecompute'] as Model<StoredRecompute> | undefined) ?? conn.model<StoredRecompute>('AnalysisRecompute', schema);
}
