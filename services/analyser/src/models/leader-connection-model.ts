// The calendar connection a leader's ledartid is booked through: learned from linked and synced messages.
import { type Connection, type Model, Schema } from 'mongoose';
import { Collections } from '../collections.js';

export type StoredLeaderConnection = { userId: string; connectionId: string; provider: string; seenAt: Date };

const schema = new Schema<StoredLeaderConnection>(
  {
    userId: { type: String, required: true },
    connectionId: { type: String, required: true },
    provider: { type: String, required: true },
    seenAt: { type: Date, required: true },
  },
  { versionKey: false, collection: Collections.connections },
);
schema.index({ userId: 1 }, { unique: true });

export function leaderConnectionModel(conn: Connection): Model<StoredLeaderConnection> {
  return (conn.models['LeaderConnection'] as Model<StoredLeaderConnection> | undefined) ?? conn.model<StoredLeaderConnection>('LeaderConnection', schema);
}
