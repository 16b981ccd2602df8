// The leader-connections repository: the calendar connection a leader's ledartid is booked through.
import { retryOnDuplicateKey } from '@ledarsteg/store';
import type { Model } from 'mongoose';
import type { StoredLeaderConnection } from './leader-connection-model.js';

export function leaderConnectionRepository(model: Model<StoredLeaderConnection>) {
  return {
    /** Remembers the newest connection seen for a leader; an older message never overrides a newer one. */
    async remember(c: StoredLeaderConnection): Promise<void> {
      const updated = await model
        .updateOne({ userId: c.userId, seenAt: { $lte: c.seenAt } }, { $set: { connectionId: c.connectionId, provider: c.provider, seenAt: c.seenAt } })
        .exec();
      if (updated.matchedCount > 0) return;
      await retryOnDuplicateKey(() => model.updateOne({ userId: c.userId }, { $setOnInsert: c }, { upsert: true }).exec());
    },
    async forgetLeader(userId: string): Promise<void> {
      await model.deleteMany({ userId }).exec();
    },
    /** Forgets the leader's booking connection if it is this one (it was disconnected). */
    async forgetConnection(connectionId: string): Promise<void> {
      await model.deleteMany({ connectionId }).exec();
    },
    forLeader: (userId: string) => model.findOne({ userId }).lean<StoredLeaderConnection>().exec(),
  };
}

export type LeaderConnectionRepository = ReturnType<typeof leaderConnectionRepository>;
