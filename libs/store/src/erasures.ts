// What a service must remember of someone it erased: a hashed key and when, so a late message cannot bring them back.
import { createHash } from 'node:crypto';
import { type Connection, type Model, Schema } from 'mongoose';

export type ErasedKind = 'leader' | 'connection';

export interface ErasureEntry {
  /** SHA-256 of the kind and the id: the id itself is not kept. */
  key: string;
  erasedAt: Date;
  /** Purged after this: by then no message from before the erasure is left in any stream. */
  expiresAt: Date;
}

const schema = new Schema<ErasureEntry>(
  { key: { type: String, required: true }, erasedAt: { type: Date, required: true }, expiresAt: { type: Date, required: true } },
  { versionKey: false },
);
schema.index({ key: 1 }, { unique: true });
schema.index({ expiresAt: 1 });

/** Longer than any stream keeps a message (30 days), so a redelivery or a late publish always meets the mark. */
export const ERASURE_MEMORY_DAYS = 35;

export function erasureKey(kind: ErasedKind, id: string): string {
  return createHash('sha256').update(`ledarsteg-erasure\n${kind}\n${id}`).digest('hex');
}

/**
 * Erasure marks. A message about an erased leader or connection that was sent before the erasure is dropped; one sent
 * after it (the leader came back and connected again) is handled as new. Only a hash of the id is stored.
 */
export class ErasureLedger {
  readonly model: Model<ErasureEntry>;

  constructor(conn: Connection, collection: string) {
    this.model = (conn.models[collection] as Model<ErasureEntry> | undefined) ?? conn.model<ErasureEntry>(collection, schema, collection);
  }

  async record(kind: ErasedKind, id: string, at: Date): Promise<void> {
    const expiresAt = new Date(at.getTime() + ERASURE_MEMORY_DAYS * 24 * 3600_000);
    const key = erasureKey(kind, id);
    // Only ever later: a redelivered, older erasure does not move the mark back.
    const moved = await this.model.updateOne({ key, erasedAt: { $lt: at } }, { $set: { erasedAt: at, expiresAt } }).exec();
    if (moved.matchedCount === 0) await this.model.updateOne({ key }, { $setOnInsert: { key, erasedAt: at, expiresAt } }, { upsert: true }).exec();
  }

  /** True when `id` was erased at or after `sentAt`: the message is older than the erasure and must change nothing. */
  async erasedSince(kind: ErasedKind, id: string, sentAt: Date): Promise<boolean> {
    const entry = await this.model.findOne({ key: erasureKey(kind, id) }).lean<ErasureEntry>().exec();
    return entry !== null && entry.erasedAt.getTime() >= sentAt.getTime();
  }

  /** True when `id` was erased at any time: for ids that are never used again once erased (connections). */
  async isErased(kind: ErasedKind, id: string): Promise<boolean> {
    return (await this.model.countDocuments({ key: erasureKey(kind, id) }).exec()) > 0;
  }

  async purgeExpired(now: Date): Promise<number> {
    return (await this.model.deleteMany({ expiresAt: { $lt: now } }).exec()).deletedCount;
  }
}
