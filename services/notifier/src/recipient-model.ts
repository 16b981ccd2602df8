// Who the notifier writes to: one record per leader, refreshed from each linked calendar.
import { type Connection, type Model, Schema } from 'mongoose';

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
  { versionKey: false, collection: 'notifier_recipients' },
);
recipientSchema.index({ userId: 1 }, { unique: true });

export function recipientModel(conn: Connection): Model<Recipient> {
  return (conn.models['NotifierRecipient'] as Model<Recipient> | undefined) ?? conn.model<Recipient>('NotifierRecipient', recipientSchema);
}
