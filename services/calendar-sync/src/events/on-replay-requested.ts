// Handles calendar.events.replay-requested.v1: re-publishes the current copy of one connection, one leader's, or all.
import type { Envelope } from '@ledarsteg/contracts';
import type { HandlerContext } from '@ledarsteg/messaging';
import type { SyncService } from '../service-context.js';
import { replayCopy } from './announce-changes.js';

export function onReplayRequested(svc: SyncService) {
  return async (envelope: Envelope<'calendar.events.replay-requested.v1'>, msg: HandlerContext): Promise<void> => {
    const { requestId, userId, connectionId } = envelope.data;
    const connections = await svc.connections.forReplay({ ...(userId ? { userId } : {}), ...(connectionId ? { connectionId } : {}) });
    let changes = 0;
    // A redelivery replays again from the start: batch ids repeat, and consumers apply by revision anyway.
    for (const conn of connections) changes += await replayCopy(svc, conn, requestId, envelope.correlationId);
    msg.log.info({ requestId, connections: connections.length, changes }, 'calendar copy replayed');
  };
}
