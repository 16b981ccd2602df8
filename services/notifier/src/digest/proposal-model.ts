// Ledartid proposed for a leader's week, and the blocks already in their calendar: the digest's ledartid section.
import type { LedartidProposal } from '@ledarsteg/contracts';
import { retryOnDuplicateKey } from '@ledarsteg/store';
import { type Connection, type Model, Schema } from 'mongoose';
import { Collections } from '../collections.js';

export interface StoredProposal {
  userId: string;
  week: string;
  proposedAt: Date;
  proposal: LedartidProposal;
}

export interface StoredBlock {
  blockId: string;
  userId: string;
  start: Date;
  end: Date;
  completedAt: Date;
}

const proposalSchema = new Schema<StoredProposal>(
  {
    userId: { type: String, required: true },
    week: { type: String, required: true },
    proposedAt: { type: Date, required: true },
    proposal: { type: Schema.Types.Mixed, required: true },
  },
  { versionKey: false, collection: Collections.proposals },
);
proposalSchema.index({ userId: 1, week: 1 }, { unique: true });

const blockSchema = new Schema<StoredBlock>(
  {
    blockId: { type: String, required: true },
    userId: { type: String, required: true },
    start: { type: Date, required: true },
    end: { type: Date, required: true },
    completedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: Collections.ledartidBlocks },
);
blockSchema.index({ blockId: 1 }, { unique: true });
blockSchema.index({ userId: 1, start: 1 });

export function proposalModel(conn: Connection): Model<StoredProposal> {
  return (conn.models['NotifierProposal'] as Model<StoredProposal> | undefined) ?? conn.model<StoredProposal>('NotifierProposal', proposalSchema);
}

export function blockModel(conn: Connection): Model<StoredBlock> {
  return (conn.models['NotifierLedartidBlock'] as Model<StoredBlock> | undefined) ?? conn.model<StoredBlock>('NotifierLedartidBlock', blockSchema);
}

export function proposalRepository(model: Model<StoredProposal>) {
  return {
    /** Keeps the newest proposal of a week. */
    async record(userId: string, week: string, proposal: LedartidProposal, proposedAt: Date): Promise<void> {
      await retryOnDuplicateKey(() => model.updateOne({ userId, week }, { $setOnInsert: { userId, week, proposedAt, proposal } }, { upsert: true }).exec());
      await model.updateOne({ userId, week, proposedAt: { $lt: proposedAt } }, { $set: { proposedAt, proposal } }).exec();
    },
    of: (userId: string, week: string) => model.findOne({ userId, week }).lean<StoredProposal>().exec(),
    /** Erasure: every proposal made for the leader goes. */
    async forget(userId: string): Promise<number> {
      return (await model.deleteMany({ userId }).exec()).deletedCount;
    },
  };
}

export function blockRepository(model: Model<StoredBlock>) {
  return {
    /** A block created or moved: where it now stands, unless a later outcome is already held. */
    async placed(block: StoredBlock): Promise<void> {
      await retryOnDuplicateKey(() => model.updateOne({ blockId: block.blockId }, { $setOnInsert: block }, { upsert: true }).exec());
      await model.updateOne({ blockId: block.blockId, completedAt: { $lt: block.completedAt } }, { $set: { start: block.start, end: block.end, completedAt: block.completedAt } }).exec();
    },
    async removed(blockId: string): Promise<void> {
      await model.deleteOne({ blockId }).exec();
    },
    /** Erasure: every block of the leader goes. */
    async forget(userId: string): Promise<number> {
      return (await model.deleteMany({ userId }).exec()).deletedCount;
    },
    between: (userId: string, from: Date, to: Date) =>
      model.find({ userId, start: { $gte: from, $lt: to } }).sort({ start: 1 }).lean<StoredBlock[]>().exec(),
  };
}

export type ProposalRepository = ReturnType<typeof proposalRepository>;
export type BlockRepository = ReturnType<typeof blockRepository>;
