// A leader's settings: where, in which language and when their digest comes; the newest change wins.
import { DEFAULT_DIGEST_AT, type Envelope } from '@ledarsteg/contracts';
import type { HandlerContext } from '@ledarsteg/messaging';
import { nextDue } from '../digest/schedule.js';
import type { NotifierService } from '../service-context.js';

export function onSettingsChanged(svc: Pick<NotifierService, 'subscriptions' | 'erasures' | 'now'>) {
  return async (envelope: Envelope<'analysis.settings.changed.v1'>, msg: HandlerContext): Promise<void> => {
    const d = envelope.data;
    if (await svc.erasures.erasedSince('leader', d.userId, new Date(d.changedAt))) {
      msg.log.info({ userId: d.userId }, 'settings of an erased leader ignored');
      return;
    }
    const settings = {
      ...(d.email ? { email: d.email } : {}),
      ...(d.displayName ? { displayName: d.displayName } : {}),
      locale: d.locale ?? 'sv',
      timeZone: d.timeZone,
      weeklyDigest: d.weeklyDigest ?? true,
      digestAt: d.digestAt ?? { ...DEFAULT_DIGEST_AT },
      autoBook: d.autoBook,
      workingHours: d.workingHours,
      ledartidGoal: d.ledartidGoal,
      changedAt: new Date(d.changedAt),
    } as const;
    const due = nextDue(settings, svc.now());
    const applied = await svc.subscriptions.applySettings(d.userId, { ...settings, locale: settings.locale }, due);
    msg.log.info({ userId: d.userId, applied, dueAt: due?.dueAt }, applied ? 'digest settings updated' : 'older settings ignored');
  };
}
