// The embedded MongoDB-wire server (CongoDB) used by the demo and by tests when no real MongoDB is at hand.
import { freePort } from './free-port.js';

export interface EmbeddedDatabase {
  /** mongodb:// URL without a database name. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts CongoDB in this process. With `storagePath` data survives a restart; otherwise it lives in memory.
 * It speaks the wire protocol but does not enforce unique indexes, roll back transactions or support
 * change streams — the product never depends on those (see the README).
 */
export async function startEmbeddedDatabase(opts: { port?: number; storagePath?: string } = {}): Promise<EmbeddedDatabase> {
  // Imported lazily: the module prints a line on import and is not needed against a real MongoDB.
  const { CongoServer } = await import('@push.rocks/smartmongo/dist_ts/congodb/index.js');
  const port = opts.port ?? (await freePort());
  const server = new CongoServer({
    port,
    host: '127.0.0.1',
    ...(opts.storagePath ? { storage: 'file' as const, storagePath: opts.storagePath } : { storage: 'memory' as const }),
  });
  await server.start();
  return { url: `mongodb://127.0.0.1:${port}`, port, stop: () => server.stop() };
}
