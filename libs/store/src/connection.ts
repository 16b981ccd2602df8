// The mongoose connection as a Fastify plugin: whoever opens the connection closes it.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import mongoose, { type Connection } from 'mongoose';

declare module 'fastify' {
  interface FastifyInstance {
    db: Connection;
  }
}

export interface StoreOptions {
  /** Open a connection to this URL (the database name comes from the URL or `dbName`)… */
  url?: string;
  dbName?: string;
  /** …or use a connection someone else owns; it is not closed by the plugin. */
  connection?: Connection;
  /** Sync the indexes of the models registered on the connection at start-up. */
  syncIndexes?: boolean;
}

export async function connectMongo(url: string, opts: { dbName?: string } = {}): Promise<Connection> {
  const conn = mongoose.createConnection(url, {
    ...(opts.dbName ? { dbName: opts.dbName } : {}),
    serverSelectionTimeoutMS: 5_000,
    // Commands wait for a reconnect instead of failing at once during a short database blip.
    bufferCommands: true,
    autoIndex: false,
    // Heartbeats by polling, not by the streaming (exhaust) protocol: the embedded MongoDB-wire server
    // answers streamed heartbeats wrongly, and the driver then clears its pool under running operations.
    // Real MongoDB works the same with polling; failover is noticed within one heartbeat interval.
    serverMonitoringMode: 'poll',
  });
  await conn.asPromise();
  return conn;
}

const PING_TIMEOUT_MS = 1_500;

/** True when the database answers a ping within `timeoutMs`. */
export async function pingDatabase(conn: Connection, timeoutMs = PING_TIMEOUT_MS): Promise<boolean> {
  // Ask the server rather than trusting mongoose's readyState, which can lag behind the driver's own reconnects.
  const db = conn.getClient().db();
  if (!db) return false;
  let timer: NodeJS.Timeout | undefined;
  try {
    const ping = db.admin().command({ ping: 1 }, { timeoutMS: timeoutMs });
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('ping timed out')), timeoutMs);
    });
    const res = await Promise.race([ping, timeout]);
    return res?.['ok'] === 1;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export const storePlugin = fp(
  async (app: FastifyInstance, opts: StoreOptions) => {
    let conn: Connection;
    if (opts.connection) {
      conn = opts.connection;
    } else if (opts.url) {
      conn = await connectMongo(opts.url, opts.dbName ? { dbName: opts.dbName } : {});
      // Registered before the messaging plugin, so it runs after consumers stopped and NATS drained.
      app.addHook('onClose', async () => {
        await conn.close();
      });
    } else {
      throw new Error('storePlugin needs a url or a connection');
    }
    app.decorate('db', conn);
    if (opts.syncIndexes !== false) {
      // On ready, so the models the service registers after this plugin are included.
      app.addHook('onReady', async () => {
        for (const model of Object.values(conn.models)) await model.createIndexes();
      });
    }
  },
  { name: '@ledarsteg/store', fastify: '5.x' },
);
