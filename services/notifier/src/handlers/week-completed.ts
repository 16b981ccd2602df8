// An analysed week: kept for the digest of that week and as history for the weeks after it.
import type { Envelope } from '@ledarsteg/contracts';
import type { HandlerContext } from '@ledarsteg/messaging';
import type { NotifierService } from '../service-context.js';

export function onWeekCompleted(svc: Pick<NotifierService, 'weeks' | 'erasures'>) {
  return async (envelope: Envelope<'analysis.week.completed.v1'>, msg: HandlerContext): Promise<void> => {
    const { userId, week, analysedAt } = envelope.data;
    if (await svc.erasures.erasedSince('leader', userId, new Date(analysedAt))) {
      msg.log.info({ userId, week }, 'week of an erased leader ignored');
      return;
    }
    const stored = await svc.weeks.record(envelope.data);
    msg.log.debug({ userId, week, stored }, stored ? 'week recorded' : 'older analysis ignored');
  };
}
