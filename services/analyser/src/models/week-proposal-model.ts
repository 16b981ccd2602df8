// Stored ledartid proposals for a leader's current and next week.
import type { LedartidProposal } from '@ledarsteg/contracts';
import { type Connection, type Model, Schema } from 'mongoose';
import { Collections } from '../collections.js';

export type StoredProposal = { userId: string; week: string; proposal: LedartidProposal; proposedAt: Date };

const schema = new Schema<StoredProposal>(
  {
    userId: { type: String, required: true },
    week: { type: String, required: true },
    proposal: { type: Schema.Types.Mixed, required: true },
    proposedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: Collections.proposals, minimize: false },
);
schema.index({ userId: 1, week: 1 }, { unique: true });

export function proposalModel(conn: Connection): Model<StoredProposal> {
  return (conn.models['WeekProposal'] as Model<StoredProposal> | undefined) ?? conn.model<StoredProposal>('WeekProposal', schema);
}
