// Publishes a connection's changed events (the outbox above `announcedRev`) and re-publishes whole copies for a replay.
import { type EventChange, Subjects } from '@ledarsteg/contracts';
import type { StoredConnection } from '../connections/connection-model.js';
import type { SyncService } from '../service-context.js';
import { batches } from './change-batches.js';
import type { EventDoc } from './event-model.js';

/** Stored changes read per round; each round is cut into batches. */
const READ_LIMIT = 2_000;

type Announced = Pick<StoredConnection, 'connectionId' | 'userId' | 'provider'>;

/**
 * Publishes every change above what the connection has announced, then moves the mark. A crash between the write and
 * the publish leaves the changes above the mark: the next sync or poll tick publishes them. Ids are
 * `<connectionId>:<fromRev>-<toRev>`, so a publish repeated after a lost answer is dropped by JetStream.
 */
export async function announceChanges(svc: SyncService, conn: Announced, correlationId?: string, justWritten: EventDoc[] = []): Promise<number> {
  let announced = (await svc.connections.byId(conn.connectionId))?.announcedRev ?? 0;
  let published = 0;
  // The page a sync just wrote, when it directly follows the mark: announced from memory rather than read back (the
  // same documents; on the embedded database each read scans the collection). Anything else goes the long way below.
  if (justWritten.length > 0 && justWritten[0]!.rev === announced + 1) {
    for (const changes of batches(justWritten)) {
      announced = await publishChanges(svc, conn, announced, changes, correlationId);
      published += changes.length;
    }
    // Only this sync writes the copy while it holds the lease: nothing lies above the page it wrote.
    return published;
  }
  for (;;) {
    const docs = await svc.events.after(conn.connectionId, announced, READ_LIMIT);
    if (docs.length === 0) return published;
    for (const changes of batches(docs)) {
      announced = await publishChanges(svc, conn, announced, changes, correlationId);
      published += changes.length;
    }
    // A short read was the end: asking again would only scan for nothing. Whatever a concurrent writer adds meanwhile
    // is announced by its own call (every page is followed by one).
    if (docs.length < READ_LIMIT) return published;
  }
}

/** Publishes one batch above `announced`, then moves the mark; returns the new mark. */
async function publishChanges(svc: SyncService, conn: Announced, announced: number, changes: EventChange[], correlationId?: string): Promise<number> {
  const fromRev = announced + 1;
  const toRev = changes[changes.length - 1]!.rev;
  await svc.publish(
    Subjects.eventsChanged,
    { userId: conn.userId, connectionId: conn.connectionId, provider: conn.provider, fromRev, toRev, changes },
    { id: `${conn.connectionId}:${fromRev}-${toRev}`, ...(correlationId ? { correlationId } : {}) },
  );
  await svc.connections.markAnnounced(conn.connectionId, toRev);
  return toRev;
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
