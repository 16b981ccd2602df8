// Disconnects a connection: stops its watch, revokes what can be revoked, forgets tokens and the synced copy.
import { ProviderError } from '@ledarsteg/calendar';
import { announceChanges } from '../events/announce-changes.js';
import type { SyncService } from '../service-context.js';
import type { StoredConnection } from './connection-model.js';
import { revokeGrant } from './revoke-grant.js';

export async function disconnect(svc: SyncService, conn: StoredConnection): Promise<{ deletedEvents: number }> {
  const log = svc.log.child({ connectionId: conn.connectionId, provider: conn.provider });
  if (conn.watch && conn.status === 'active') {
    try {
      await svc.providerFor(conn).stopWatch({ channelId: conn.watch.channelId, resourceId: conn.watch.resourceId, expiresAt: conn.watch.expiresAt });
    } catch (err) {
      // The channel expires by itself; notifications for a disconnected connection are ignored anyway.
      log.warn({ kind: err instanceof ProviderError ? err.kind : 'error' }, 'could not stop the watch while disconnecting');
    }
  }
  // Microsoft has no per-token revocation: forgetting the tokens is all we can do.
  let refreshToken: string | undefined;
  try {
    refreshToken = conn.refreshToken ? svc.cipher.open(conn.refreshToken, conn.connectionId) : undefined;
  } catch (err) {
    log.warn({ err: (err as Error).message }, 'the refresh token could not be opened: nothing to revoke with');
  }
  if (refreshToken) await revokeGrant(svc.config, conn.provider, { refreshToken }, log);
  await svc.connections.markDisconnected(conn.connectionId, svc.now());
  // The copy is forgotten: each event becomes a tombstone (keys only), and the deletions are announced so every
  // projection of this calendar forgets it too.
  const live = await svc.events.live(conn.connectionId);
  if (live.length > 0) {
    const last = await svc.connections.allocateRevs(conn.connectionId, live.length);
    await svc.events.applyPage(conn.connectionId, { upserts: [], deletes: live }, last - live.length + 1, svc.now());
  }
  try {
    await announceChanges(svc, conn);
  } catch (err) {
    // Left in the outbox: the poll tick announces it.
    log.warn({ err: (err as Error).name }, 'disconnect not yet announced: left in the outbox');
  }
  log.info({ deletedEvents: live.length }, 'calendar disconnected');
  return { deletedEvents: live.length };
}
