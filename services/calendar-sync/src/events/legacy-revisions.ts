// Upgrade step: events stored before revisions existed get one, so they can be announced and replayed like any other.
import type { SyncService } from '../service-context.js';

const BATCH = 1_000;

/** Gives every event without a revision one from its connection's counter; returns how many were stamped. */
export async function stampLegacyRevisions(svc: SyncService): Promise<number> {
  let stamped = 0;
  for (const connectionId of await svc.events.legacyConnections()) {
    for (;;) {
      const ids = (await svc.events.legacyIds(connectionId, BATCH)).map((e) => e.providerEventId);
      if (ids.length === 0) break;
      const last = await svc.connections.allocateRevs(connectionId, ids.length);
      await svc.events.stampLegacy(connectionId, ids, last - ids.length + 1);
      stamped += ids.length;
    }
  }
  if (stamped > 0) svc.log.info({ stamped }, 'revisions given to events stored before them');
  return stamped;
}
