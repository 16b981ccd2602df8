// A linked calendar tells the notifier where a leader's emails go.
import type { Envelope } from '@ledarsteg/contracts';
import type { HandlerContext } from '@ledarsteg/messaging';
import type { Model } from 'mongoose';
import type { Recipient } from '../recipient-model.js';

const DEFAULT_LOCALE = 'sv-SE';

export function onConnectionLinked(recipients: Model<Recipient>, now: () => Date) {
  return async (envelope: Envelope<'calendar.connection.linked.v1'>, ctx: HandlerContext): Promise<void> => {
    const { userId, accountEmail, displayName } = envelope.data;
    const set: Partial<Recipient> = { email: accountEmail, updatedAt: now() };
    if (displayName) set.displayName = displayName;
    // An upsert on the natural key: a redelivered or repeated link simply writes the same record again.
    await recipients
      .updateOne({ userId }, { $set: set, $setOnInsert: { userId, locale: DEFAULT_LOCALE } }, { upsert: true })
      .exec();
    ctx.log.info({ userId }, 'recipient linked');
  };
}
