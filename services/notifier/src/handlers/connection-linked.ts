// A linked calendar tells the notifier where a leader's emails go.
import type { Envelope } from '@ledarsteg/contracts';
import type { HandlerContext } from '@ledarsteg/messaging';
import type { Recipient } from '../recipient-model.js';
import type { NotifierService } from '../service-context.js';

const DEFAULT_LOCALE = 'sv-SE';

export function onConnectionLinked(svc: Pick<NotifierService, 'recipients' | 'erasures' | 'now'>) {
  return async (envelope: Envelope<'calendar.connection.linked.v1'>, msg: HandlerContext): Promise<void> => {
    const { userId, accountEmail, displayName } = envelope.data;
    if (await svc.erasures.erasedSince('leader', userId, new Date(envelope.occurredAt))) {
      msg.log.info({ userId }, 'link from before the leader was erased dropped');
      return;
    }
    const set: Partial<Recipient> = { email: accountEmail, updatedAt: svc.now() };
    if (displayName) set.displayName = displayName;
    await svc.recipients.link(userId, set, DEFAULT_LOCALE);
    msg.log.info({ userId }, 'recipient linked');
  };
}
