// A leader with no calendar left, or a deleted account: their consent and every week kept for a coach are erased, so
// no coach lists them. Connecting a calendar again brings the settings (and with them the consent) back.
import type { Envelope } from '@ledarsteg/contracts';
import type { HandlerContext } from '@ledarsteg/messaging';
import type { CoachService } from '../service-context.js';

async function eraseLeader(svc: CoachService, userId: string, at: Date): Promise<{ consent: boolean; weeks: number }> {
  // Marked first: a settings change or week still on its way from before this moment is dropped.
  await svc.erasures.record('leader', userId, at);
  const consent = await svc.consents.forget(userId);
  const weeks = await svc.summaries.forgetLeader(userId);
  return { consent, weeks };
}

export function onConnectionDisconnected(svc: CoachService) {
  return async (envelope: Envelope<'calendar.connection.disconnected.v1'>, msg: HandlerContext): Promise<void> => {
    const { userId, remainingConnections, disconnectedAt } = envelope.data;
    // The weeks come from all of a leader's calendars: while one remains, the analyser re-announces them without this one.
    if (remainingConnections > 0) return;
    const erased = await eraseLeader(svc, userId, new Date(disconnectedAt));
    msg.log.info({ userId, ...erased }, 'last calendar disconnected: consent and weeks erased');
  };
}

export function onAccountDeleted(svc: CoachService) {
  return async (envelope: Envelope<'leader.account.deleted.v1'>, msg: HandlerContext): Promise<void> => {
    const erased = await eraseLeader(svc, envelope.data.userId, new Date(envelope.data.deletedAt));
    msg.log.info({ userId: envelope.data.userId, ...erased }, 'deleted account erased');
  };
}
