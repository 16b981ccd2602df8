// The calendar connection a leader's ledartid is booked through: learned from linked and synced messages.
import { type Connection, type Model, Schema } from 'mongoose';

export type StoredLeaderConnection = { userId: string; connectionId: string; provider: string; seenAt: Date };

const schema = new Schema<StoredLeaderConnection>(
  {
    userId: { type: String, required: true },
    connectionId: { type: String, required: true },
    provider: { type: String, required: true },
    seenAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'analyser_connections' },
);
schema.index({ userId: 1 }, { unique: true });

export function leaderConnectionModel(conn: Connection): Model<StoredLeaderConnection> {
  return (conn.models['LeaderConnection'] as Model<StoredLeaderConnection> | undefined) ?? conn.model<StoredLeaderConnection>('LeaderConnection', schema);
}

/** Remembers the newest connection seen for a leader; an older message never overrides a newer one. */
export async function rememberConnection(model: Model<StoredLeaderConnection>, c: StoredLeaderConnection): Promise<void> {
  const updated = await model
    .updateOne({ userId: c.userId, seenAt: { $lte: c.seenAt } }, { $set: { connectionId: c.connectionId, provider: c.provider, seenAt: c.seenAt } })
    .exec();
  if (updated.matchedCount > 0) return;
  await model.updateOne({ userId: c.userId }, { $setOnInsert: c }, { upsert: true }).exec();
}
