// Ledartid for the digest: proposed slots (for the book-this links) and the blocks a booking placed in the calendar.
import type { Envelope } from '@ledarsteg/contracts';
import type { HandlerContext } from '@ledarsteg/messaging';
import type { NotifierService } from '../service-context.js';

export function onProposalUpdated(svc: Pick<NotifierService, 'proposals' | 'erasures'>) {
  return async (envelope: Envelope<'analysis.proposal.updated.v1'>, msg: HandlerContext): Promise<void> => {
    const { userId, week, proposal, proposedAt } = envelope.data;
    if (await svc.erasures.erasedSince('leader', userId, new Date(proposedAt))) {
      msg.log.info({ userId, week }, 'proposal for an erased leader ignored');
      return;
    }
    await svc.proposals.record(userId, week, proposal, new Date(proposedAt));
    msg.log.debug({ userId, week }, 'proposal recorded');
  };
}

export function onBookingCompleted(svc: Pick<NotifierService, 'blocks' | 'erasures'>) {
  return async (envelope: Envelope<'ledartid.booking.completed.v1'>, msg: HandlerContext): Promise<void> => {
    const { blockId, userId, action, start, end, completedAt } = envelope.data;
    if (await svc.erasures.erasedSince('leader', userId, new Date(completedAt))) {
      msg.log.info({ userId, blockId }, 'block of an erased leader ignored');
      return;
    }
    if (action === 'remove') await svc.blocks.removed(blockId);
    else if (start && end) await svc.blocks.placed({ blockId, userId, start: new Date(start), end: new Date(end), completedAt: new Date(completedAt) });
    msg.log.debug({ userId, blockId, action }, 'ledartid block recorded');
  };
}
