// Duplicate-key errors (E11000): what a unique index answers when a concurrent insert of the same natural key won.

/** True for MongoDB's duplicate-key error, from a single write or from a bulk write. */
export function isDuplicateKey(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; writeErrors?: { code?: unknown }[] };
  if (e.code === 11000) return true;
  return Array.isArray(e.writeErrors) && e.writeErrors.length > 0 && e.writeErrors.every((w) => w.code === 11000);
}

/**
 * Runs an upsert again when it lost an insert race: two upserts of one natural key may both try to insert, and the
 * unique index rejects the second; run again, it finds the winner's document and updates it instead.
 */
export async function retryOnDuplicateKey<T>(write: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (!isDuplicateKey(err) || attempt >= attempts) throw err;
    }
  }
}
