// Disconnects a connection: stops its watch, revokes what can be revoked, forgets tokens and the synced copy.
import { ProviderError } from '@ledarsteg/calendar';
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
  await svc.connections
    .updateOne(
      { connectionId: conn.connectionId },
      { $set: { status: 'disconnected', updatedAt: svc.now() }, $unset: { accessToken: 1, refreshToken: 1, expiresAt: 1, cursor: 1, watch: 1, notBefore: 1 } },
    )
    .exec();
  const { deletedCount } = await svc.events.deleteMany({ connectionId: conn.connectionId }).exec();
  log.info({ deletedEvents: deletedCount }, 'calendar disconnected');
  return { deletedEvents: deletedCount };
}
