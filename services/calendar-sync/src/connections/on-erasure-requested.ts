// The commands that erase: a disconnect asked for by message, and a deleted account (every connection, grants revoked).
import type { Envelope } from '@ledarsteg/contracts';
import type { HandlerContext } from '@ledarsteg/messaging';
import type { SyncService } from '../service-context.js';
import { disconnect, eraseAccount } from './disconnect.js';

export function onDisconnectRequested(svc: SyncService) {
  return async (envelope: Envelope<'calendar.connection.disconnect-requested.v1'>, msg: HandlerContext): Promise<void> => {
    const { userId, connectionId, reason } = envelope.data;
    const conn = await svc.connections.byId(connectionId);
    // Gone already (a redelivery), or not this leader's: nothing to do, and nothing to tell.
    if (!conn || conn.userId !== userId) {
      msg.log.info({ connectionId, found: Boolean(conn) }, 'disconnect requested for no connection of this leader');
      return;
    }
    const outcome = await disconnect(svc, conn, { correlationId: envelope.correlationId });
    msg.log.info({ connectionId, reason, ...outcome }, 'calendar disconnected on request');
  };
}

export function onAccountDeleted(svc: SyncService) {
  return async (envelope: Envelope<'leader.account.deleted.v1'>, msg: HandlerContext): Promise<void> => {
    const { userId } = envelope.data;
    const erased = await eraseAccount(svc, userId, { correlationId: envelope.correlationId });
    msg.log.info({ userId, connections: erased }, 'account deleted: every connection erased and its grant revoked');
  };
}
