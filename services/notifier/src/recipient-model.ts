// Who the notifier writes to: one record per leader, refreshed from each linked calendar.
import { retryOnDuplicateKey } from '@ledarsteg/store';
import { type Connection, type Model, Schema } from 'mongoose';
import { Collections } from './collections.js';

export interface Recipient {
  userId: string;
  email: string;
  displayName?: string;
  locale: string;
  updatedAt: Date;
}

const recipientSchema = new Schema<Recipient>(
  {
    userId: { type: String, required: true },
    email: { type: String, required: true },
    displayName: String,
    locale: { type: String, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: Collections.recipients },
);
recipientSchema.index({ userId: 1 }, { unique: true });

export function recipientModel(conn: Connection): Model<Recipient> {
  return (conn.models['NotifierRecipient'] as Model<Recipient> | undefined) ?? conn.model<Recipient>('NotifierRecipient', recipientSchema);
}

/** The recipients repository: where each leader's email goes. */
export function recipientRepository(model: Model<Recipient>) {
  return {
    byId: (userId: string) => model.findOne({ userId }).lean<Recipient>().exec(),
    async forget(userId: string): Promise<boolean> {
      return (await model.deleteOne({ userId }).exec()).deletedCount === 1;
    },
    /** Creates or refreshes the leader's record from a linked calendar; a repeated link writes the same record again. */
    async link(userId: string, set: Partial<Recipient>, locale: string): Promise<void> {
      await retryOnDuplicateKey(() => model.updateOne({ userId }, { $set: set, $setOnInsert: { userId, locale } }, { upsert: true }).exec());
    },
  };
}

export type RecipientRepository = ReturnType<typeof recipientRepository>;
