// The profiles repository: a leader's profile, created at the first link and changed by their settings.
import { retryOnDuplicateKey } from '@ledarsteg/store';
import type { Model } from 'mongoose';
import type { StoredProfile } from './profile-model.js';

export function profileRepository(model: Model<StoredProfile>) {
  return {
    byId: (userId: string) => model.findOne({ userId }).lean<StoredProfile>().exec(),

    /** Refreshes what the provider knows of the leader, or creates the profile; true when it was created. */
    async linkFromProvider(userId: string, fromProvider: Partial<StoredProfile>, onInsert: Partial<StoredProfile>): Promise<boolean> {
      const res = await retryOnDuplicateKey(() => model.updateOne({ userId }, { $set: fromProvider, $setOnInsert: onInsert }, { upsert: true }).exec());
      return res.upsertedCount === 1;
    },

    /** Applies a settings change (dotted paths allowed); the profile as it now is, or null for an unknown leader. */
    applySettings: (userId: string, set: Record<string, unknown>) =>
      model.findOneAndUpdate({ userId }, { $set: set }, { new: true }).lean<StoredProfile>().exec(),

    /** Leaders who opted in to automatic booking, with their zone. */
    optedInToAutoBook: () =>
      model.find({ 'optIns.autoBook': true }, { userId: 1, timeZone: 1 }).lean<Pick<StoredProfile, 'userId' | 'timeZone'>[]>().exec(),
  };
}

export type ProfileRepository = ReturnType<typeof profileRepository>;
