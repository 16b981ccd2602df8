// A disconnected calendar or a deleted account: the notifier forgets where the leader's email goes, what their weeks
// looked like, and who got what. The delivery ledger keeps each sent email's key, hashed and without recipient or
// result, so a redelivered breakage still sends nothing twice.
import type { Envelope } from '@ledarsteg/contracts';
import type { HandlerContext } from '@ledarsteg/messaging';
import { reauthKeysOf } from '../deliveries.js';
import type { NotifierService } from '../service-context.js';

/** What the digest holds about the leader: their digest settings, analysed weeks, proposals and blocks. */
async function forgetDigest(svc: NotifierService, userId: string) {
  const [subscription, weeks, proposals, blocks] = await Promise.all([
    svc.subscriptions.forget(userId),
    svc.weeks.forget(userId),
    svc.proposals.forget(userId),
    svc.blocks.forget(userId),
  ]);
  return { subscription, weeks, proposals, blocks };
}

export function onConnectionDisconnected(svc: NotifierService) {
  return async (envelope: Envelope<'calendar.connection.disconnected.v1'>, msg: HandlerContext): Promise<void> => {
    const { userId, connectionId, remainingConnections, disconnectedAt } = envelope.data;
    const anonymised = await svc.deliveries.pseudonymise({ key: { $regex: reauthKeysOf(connectionId) } });
    let recipient = false;
    let digest: Awaited<ReturnType<typeof forgetDigest>> | undefined;
    if (remainingConnections === 0) {
      // No calendar left: nothing to tell the leader about until they connect one again (which links them anew and
      // brings their settings back).
      await svc.erasures.record('leader', userId, new Date(disconnectedAt));
      recipient = await svc.recipients.forget(userId);
      digest = await forgetDigest(svc, userId);
    }
    msg.log.info({ userId, connectionId, anonymised, recipientErased: recipient, digest }, 'disconnected calendar erased');
  };
}

export function onAccountDeleted(svc: NotifierService) {
  return async (envelope: Envelope<'leader.account.deleted.v1'>, msg: HandlerContext): Promise<void> => {
    const { userId, deletedAt } = envelope.data;
    await svc.erasures.record('leader', userId, new Date(deletedAt));
    const recipient = await svc.recipients.forget(userId);
    const digest = await forgetDigest(svc, userId);
    const anonymised = await svc.deliveries.pseudonymise({ 'result.userId': userId });
    const links = await svc.linkUses.pseudonymise({ 'result.userId': userId });
    msg.log.info({ userId, anonymised, links, recipientErased: recipient, digest }, 'deleted account erased');
  };
}
