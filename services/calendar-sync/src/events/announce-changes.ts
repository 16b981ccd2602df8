// Publishes a connection's changed events (the outbox above `announcedRev`) and re-publishes whole copies for a replay.
import { Subjects } from '@ledarsteg/contracts';
import type { StoredConnection } from '../connections/connection-model.js';
import type { SyncService } from '../service-context.js';
import { batches } from './change-batches.js';

/** Stored changes read per round; each round is cut into batches. */
const READ_LIMIT = 2_000;

type Announced = Pick<StoredConnection, 'connectionId' | 'userId' | 'provider'>;

/**
 * Publishes every change above what the connection has announced, then moves the mark. A crash between the write and
 * the publish leaves the changes above the mark: the next sync or poll tick publishes them. Ids are
 * `<connectionId>:<fromRev>-<toRev>`, so a publish repeated after a lost answer is dropped by JetStream.
 */
export async function announceChanges(svc: SyncService, conn: Announced, correlationId?: string): Promise<number> {
  let announced = (await svc.connections.byId(conn.connectionId))?.announcedRev ?? 0;
  let published = 0;
  for (;;) {
    const docs = await svc.events.after(conn.connectionId, announced, READ_LIMIT);
    if (docs.length === 0) return published;
    for (const changes of batches(docs)) {
      const fromRev = announced + 1;
      const toRev = changes[changes.length - 1]!.rev;
      await svc.publish(
        Subjects.eventsChanged,
        { userId: conn.userId, connectionId: conn.connectionId, provider: conn.provider, fromRev, toRev, changes },
        { id: `${conn.connectionId}:${fromRev}-${toRev}`, ...(correlationId ? { correlationId } : {}) },
      );
      await svc.connections.markAnnounced(conn.connectionId, toRev);
      announced = toRev;
      published += changes.length;
    }
  }
}

/** Re-publishes the connection's whole copy (tombstones included) at its current revisions, for replay `requestId`. */
export async function replayCopy(svc: SyncService, conn: Announced, requestId: string, correlationId: string): Promise<number> {
  let after = 0;
  let published = 0;
  for (;;) {
    const docs = await svc.events.after(conn.connectionId, after, READ_LIMIT);
    if (docs.length === 0) return published;
    for (const changes of batches(docs)) {
      const fromRev = changes[0]!.rev;
      const toRev = changes[changes.length - 1]!.rev;
      await svc.publish(
        Subjects.eventsChanged,
        { userId: conn.userId, connectionId: conn.connectionId, provider: conn.provider, fromRev, toRev, changes, replayOf: requestId },
        { id: `${conn.connectionId}:replay:${requestId}:${fromRev}-${toRev}`, correlationId },
      );
      published += changes.length;
    }
    after = docs[docs.length - 1]!.rev;
  }
}
