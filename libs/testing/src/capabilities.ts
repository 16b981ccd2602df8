// Finds out what the connected MongoDB-wire server really guarantees, by trying it.
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';

export interface DatabaseCapabilities {
  /** A unique index rejects a duplicate. */
  uniqueIndexes: boolean;
  /** An aborted transaction leaves nothing behind. */
  transactions: boolean;
}

export async function probeCapabilities(conn: Connection): Promise<DatabaseCapabilities> {
  const db = conn.db;
  if (!db) throw new Error('probeCapabilities needs an open connection');
  const name = `capability_probe_${randomUUID().replaceAll('-', '')}`;
  const coll = db.collection(name);
  let uniqueIndexes = false;
  let transactions = false;
  try {
    await coll.createIndex({ k: 1 }, { unique: true });
    await coll.insertOne({ k: 1 });
    try {
      await coll.insertOne({ k: 1 });
    } catch (err) {
      uniqueIndexes = (err as { code?: number }).code === 11000;
    }
    try {
      const session = conn.getClient().startSession();
      try {
        session.startTransaction();
        await coll.insertOne({ k: 2 }, { session });
        await session.abortTransaction();
      } finally {
        await session.endSession();
      }
      transactions = (await coll.countDocuments({ k: 2 })) === 0;
    } catch {
      transactions = false;
    }
  } finally {
    await coll.drop().catch(() => undefined);
  }
  return { uniqueIndexes, transactions };
}
