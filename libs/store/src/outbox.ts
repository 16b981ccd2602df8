// The outbox: messages written in the same document write as the change they announce, relayed until published.
import { randomUUID } from 'node:crypto';
import { type Model, Schema } from 'mongoose';

/** A message waiting in an aggregate's own document; its id is the envelope id and the JetStream msgID. */
export interface OutboxMessage {
  id: string;
  subject: string;
  data: unknown;
  correlationId?: string;
  occurredAt: Date;
}

/** The schema path an aggregate adds as `outbox` to carry its unpublished messages. */
export const outboxPath = {
  type: [
    new Schema(
      { id: { type: String, required: true }, subject: { type: String, required: true }, data: Schema.Types.Mixed, correlationId: String, occurredAt: Date },
      { _id: false },
    ),
  ],
  default: undefined,
};

export function outboxMessage(subject: string, data: unknown, opts: { correlationId?: string; occurredAt: Date }): OutboxMessage {
  return { id: randomUUID(), subject, data, occurredAt: opts.occurredAt, ...(opts.correlationId ? { correlationId: opts.correlationId } : {}) };
}

/** The part of an update that puts `message` in the outbox: `{ ...change, $push: pushToOutbox(m) }`, one write for both. */
export function pushToOutbox(message: OutboxMessage): { outbox: OutboxMessage } {
  return { outbox: message };
}

/** Publishes one message with msgID = `message.id`, so a repeated relay of it is dropped by JetStream. */
export type RelayPublish = (message: OutboxMessage) => Promise<unknown>;

type Filter = Record<string, unknown>;

/**
 * Relays the messages waiting in aggregates' documents. There is no transaction: the change and its message are one
 * document write, and a message leaves the outbox only after JetStream confirmed it. A crash after the publish and
 * before the removal publishes it again with the same id, which JetStream's duplicate window drops; a crash before
 * the publish leaves it for the next relay (right after the write, at start-up and on every tick).
 */
export class DocumentOutbox<T> {
  constructor(
    private readonly model: Model<T>,
    private readonly publish: RelayPublish,
  ) {}

  /** Publishes, in order, every message waiting in the document `filter` names; the number published. */
  async relay(filter: Filter): Promise<number> {
    const doc = await this.model.findOne(filter, { outbox: 1 }).lean<{ outbox?: OutboxMessage[] }>().exec();
    let published = 0;
    for (const message of doc?.outbox ?? []) {
      await this.publish(message);
      await this.model.updateOne(filter, { $pull: { outbox: { id: message.id } } } as never).exec();
      published++;
    }
    return published;
  }

  /** Documents (their `key` field) with messages still waiting, at most `limit`. */
  async waiting(key: keyof T & string, limit: number): Promise<string[]> {
    const docs = await this.model.find({ 'outbox.0': { $exists: true } } as never, { [key]: 1 }).limit(limit).lean<Record<string, string>[]>().exec();
    return docs.map((d) => d[key] as string);
  }
}
