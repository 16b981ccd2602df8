// The proposals repository: the ledartid proposed for a leader's week.
import type { LedartidProposal } from '@ledarsteg/contracts';
import { retryOnDuplicateKey } from '@ledarsteg/store';
import type { Model } from 'mongoose';
import type { StoredProposal } from './week-proposal-model.js';

export function weekProposalRepository(model: Model<StoredProposal>) {
  return {
    async store(userId: string, week: string, proposal: LedartidProposal, proposedAt: Date): Promise<void> {
      await retryOnDuplicateKey(() => model.updateOne({ userId, week }, { $set: { proposal, proposedAt } }, { upsert: true }).exec());
    },
    async forgetLeader(userId: string): Promise<number> {
      return (await model.deleteMany({ userId }).exec()).deletedCount;
    },
    get: (userId: string, week: string) => model.findOne({ userId, week }).lean<StoredProposal>().exec(),
  };
}

export type WeekProposalRepository = ReturnType<typeof weekProposalRepository>;
