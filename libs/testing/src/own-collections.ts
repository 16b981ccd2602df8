// Checks, when a test ends, that a service's database holds only the collections that service owns.
import mongoose from 'mongoose';

interface Teardown {
  teardown(fn: () => unknown): void;
}

/** The collections in the database at `url`, system ones left out. */
export async function collectionsIn(url: string): Promise<string[]> {
  const conn = await mongoose.createConnection(url).asPromise();
  try {
    const list = (await conn.db?.listCollections({}, { nameOnly: true }).toArray()) ?? [];
    return list.map((c) => c.name).filter((name) => !name.startsWith('system.')).sort();
  } finally {
    await conn.close();
  }
}

/**
 * Registers a teardown that fails the test if the database holds a collection `service` does not own, or none at all
 * (then the check would prove nothing). Register it after the database: teardowns run last-registered first, so it
 * runs before the database is dropped.
 */
export function expectOwnCollections(t: Teardown, url: string, service: string, own: readonly string[]): void {
  t.teardown(async () => {
    const found = await collectionsIn(url);
    if (found.length === 0) throw new Error(`${service}: its database holds no collection at all; the ownership check saw nothing`);
    const foreign = found.filter((name) => !own.includes(name));
    if (foreign.length > 0) throw new Error(`${service}'s database holds collections it does not own: ${foreign.join(', ')}`);
  });
}

/**
 * Which of `collections` in the database at `url` still mention any of `needles` (ids, addresses) anywhere in a
 * document: `collection: needle` pairs, for checking that an erasure erased.
 */
export async function mentionsIn(url: string, collections: readonly string[], needles: readonly string[]): Promise<string[]> {
  const conn = await mongoose.createConnection(url).asPromise();
  try {
    const found = new Set<string>();
    for (const name of collections) {
      for (const doc of await conn.collection(name).find({}).toArray()) {
        const text = JSON.stringify(doc);
        for (const needle of needles) if (text.includes(needle)) found.add(`${name}: ${needle}`);
      }
    }
    return [...found].sort();
  } finally {
    await conn.close();
  }
}

/** The documents of one collection in the database at `url`, raw. */
export async function documentsIn(url: string, collection: string): Promise<Record<string, unknown>[]> {
  const conn = await mongoose.createConnection(url).asPromise();
  try {
    return await conn.collection(collection).find({}).toArray();
  } finally {
    await conn.close();
  }
}
