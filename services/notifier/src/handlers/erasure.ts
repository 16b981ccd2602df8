// A disconnected calendar or a deleted account: the notifier forgets where the leader's email goes and who got what.
// The delivery ledger keeps each sent email's key, hashed and without recipient or result, so a redelivered breakage
// still sends nothing twice.
import type { Envelope } from '@ledarsteg/contracts';
import type { HandlerContext } from '@ledarsteg/messaging';
import { reauthKeysOf } from '../deliveries.js';
import type { NotifierService } from '../service-context.js';

export function onConnectionDisconnected(svc: NotifierService) {
  return async (envelope: Envelope<'calendar.connection.disconnected.v1'>, msg: HandlerContext): Promise<void> => {
    const { userId, connectionId, remainingConnections, disconnectedAt } = envelope.data;
    const anonymised = await svc.deliveries.pseudonymise({ key: { $regex: reauthKeysOf(connectionId) } });
    let recipient = false;
    if (remainingConnections === 0) {
      // No calendar left: nothing to tell the leader about until they connect one again (which links them anew).
      await svc.erasures.record('leader', userId, new Date(disconnectedAt));
      recipient = await svc.recipients.forget(userId);
    }
    msg.log.info({ userId, connectionId, anonymised, recipientErased: recipient }, 'disconnected calendar erased');
  };
}

export function onAccountDeleted(svc: NotifierService) {
  return async (envelope: Envelope<'leader.account.deleted.v1'>, msg: HandlerContext): Promise<void> => {
    const { userId, deletedAt } = envelope.data;
    await svc.erasures.record('leader', userId, new Date(deletedAt));
    const recipient = await svc.recipients.forget(userId);
    const anonymised = await svc.deliveries.pseudonymise({ 'result.userId': userId });
    msg.log.info({ userId, anonymised, recipientErased: recipient }, 'deleted account erased');
  };
}
