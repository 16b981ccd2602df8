// A ledger of side effects (emails, calendar writes) so a redelivered message never repeats one.
import { createHash } from 'node:crypto';
import type { Connection, Model } from 'mongoose';
import { Schema } from 'mongoose';
import { isDuplicateKey } from './duplicate-key.js';

export type LedgerState = 'claimed' | 'done' | 'failed';

export interface LedgerEntry {
  key: string;
  state: LedgerState;
  owner: string;
  claimedAt: Date;
  leaseUntil: Date;
  doneAt?: Date;
  result?: Record<string, unknown>;
  attempts: number;
}

export type ClaimResult =
  | { status: 'claimed'; entry: LedgerEntry }
  /** Someone finished it already: do not repeat the effect. */
  | { status: 'done'; entry: LedgerEntry }
  /** Someone else holds a live lease on it: try again later. */
  | { status: 'busy'; entry: LedgerEntry };

const ledgerSchema = new Schema<LedgerEntry>(
  {
    key: { type: String, required: true },
    state: { type: String, required: true, enum: ['claimed', 'done', 'failed'] },
    owner: { type: String, required: true },
    claimedAt: { type: Date, required: true },
    leaseUntil: { type: Date, required: true },
    doneAt: Date,
    result: Schema.Types.Mixed,
    attempts: { type: Number, required: true },
  },
  { versionKey: false },
);
ledgerSchema.index({ key: 1 }, { unique: true });

/**
 * Exactly-once bookkeeping for side effects. A claim is an atomic upsert on the natural key,
 * decided by the upsert's own result rather than by a unique index alone (some MongoDB-wire
 * servers accept duplicates silently); on real MongoDB the unique index is a second guard.
 * A claim is a lease: if its holder dies, another worker may take it over once it lapses.
 */
export class SideEffectLedger {
  readonly model: Model<LedgerEntry>;

  constructor(conn: Connection, collection: string) {
    this.model = (conn.models[collection] as Model<LedgerEntry> | undefined) ?? conn.model<LedgerEntry>(collection, ledgerSchema, collection);
  }

  async claim(key: string, owner: string, leaseMs: number, now = new Date()): Promise<ClaimResult> {
    const leaseUntil = new Date(now.getTime() + leaseMs);
    try {
      const res = await this.model.findOneAndUpdate(
        { key },
        { $setOnInsert: { key, state: 'claimed', owner, claimedAt: now, leaseUntil, attempts: 1 } },
        { upsert: true, new: true, includeResultMetadata: true, lean: true },
      );
      if (res.lastErrorObject?.updatedExisting === false) return { status: 'claimed', entry: res.value as LedgerEntry };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    return this.takeOver(key, owner, leaseUntil, now);
  }

  /** Takes over a lapsed or failed claim; only one contender's conditional update matches. */
  private async takeOver(key: string, owner: string, leaseUntil: Date, now: Date): Promise<ClaimResult> {
    const taken = await this.model
      .findOneAndUpdate(
        { key, $or: [{ state: 'failed' }, { state: 'claimed', leaseUntil: { $lt: now } }] },
        { $set: { state: 'claimed', owner, claimedAt: now, leaseUntil }, $inc: { attempts: 1 } },
        { new: true, lean: true },
      )
      .exec();
    if (taken) return { status: 'claimed', entry: taken as LedgerEntry };
    const entry = (await this.model.findOne({ key }).lean().exec()) as LedgerEntry | null;
    if (!entry) throw new Error(`ledger entry ${key} vanished during a claim`);
    return entry.state === 'done' ? { status: 'done', entry } : { status: 'busy', entry };
  }

  async complete(key: string, owner: string, result: Record<string, unknown> = {}, now = new Date()): Promise<void> {
    await this.model.updateOne({ key, owner }, { $set: { state: 'done', doneAt: now, result } }).exec();
  }

  /** Gives a claim back after a failure, so a retry can take it at once. */
  async release(key: string, owner: string): Promise<void> {
    await this.model.updateOne({ key, owner, state: 'claimed' }, { $set: { state: 'failed' } }).exec();
  }

  async get(key: string): Promise<LedgerEntry | null> {
    return (await this.model.findOne({ key }).lean().exec()) as LedgerEntry | null;
  }

  /** Deletes the entries matching `filter` (e.g. on a field of their result); the number deleted. */
  async forgetWhere(filter: Record<string, unknown>): Promise<number> {
    return (await this.model.deleteMany(filter).exec()).deletedCount;
  }

  /** Deletes the entries whose key starts with `prefix` (an erased leader's); the number deleted. */
  async forgetByKeyPrefix(prefix: string): Promise<number> {
    const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return (await this.model.deleteMany({ key: { $regex: `^${escaped}` } }).exec()).deletedCount;
  }

  /**
   * Keeps an erased person's entries as exactly-once guards only: each key becomes its SHA-256 and the result (who,
   * what, where) is dropped. `erasedLedgerKey` gives the key to check once its person is erased.
   */
  async pseudonymise(filter: Record<string, unknown>): Promise<number> {
    const entries = (await this.model.find(filter, { key: 1 }).lean().exec()) as Pick<LedgerEntry, 'key'>[];
    for (const { key } of entries) {
      await this.model.updateOne({ key }, { $set: { key: erasedLedgerKey(key), owner: 'erased' }, $unset: { result: 1 } }).exec();
    }
    return entries.length;
  }
}

/** The key a ledger entry has once its person was erased. */
export function erasedLedgerKey(key: string): string {
  return `erased:${createHash('sha256').update(key).digest('hex')}`;
}
