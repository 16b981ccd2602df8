// A leader's sharing choice becomes the coach's access: granting stores consent, withdrawing or switching coach deletes the data.
import type { Envelope } from '@ledarsteg/contracts';
import { type HandlerContext, TransientError } from '@ledarsteg/messaging';
import { sharedCoach } from '../consent-model.js';
import type { CoachService } from '../service-context.js';

export function onSettingsChanged(svc: CoachService) {
  return async (envelope: Envelope<'analysis.settings.changed.v1'>, msg: HandlerContext): Promise<void> => {
    const { userId, shareWithCoach, coachId, displayName, ledartidGoal, changedAt } = envelope.data;
    const log = msg.log.child({ userId });
    const changed = new Date(changedAt);
    if (await svc.erasures.erasedSince('leader', userId, changed)) {
      // A choice made before the leader was erased must not bring their consent back.
      log.info('settings from before the leader was erased dropped');
      return;
    }
    const existing = await svc.consents.byLeader(userId);

    if (existing && existing.updatedAt.getTime() >= changed.getTime()) {
      // An older choice arriving late must not re-grant access; the stored one still governs the data.
      log.debug('stale settings change ignored');
      await svc.summaries.purgeUnshared(userId, sharedCoach(existing));
      return;
    }

    const set: Record<string, unknown> = { shareWithCoach, ledartidGoal, updatedAt: changed };
    const unset: Record<string, 1> = {};
    if (coachId) set['coachId'] = coachId;
    else unset['coachId'] = 1;
    if (displayName) set['displayName'] = displayName;
    else unset['displayName'] = 1;
    const update = Object.keys(unset).length ? { $set: set, $unset: unset } : { $set: set };
    // Conditional on what we read, so two instances racing on one leader cannot interleave their writes.
    if (!(await svc.consents.record(userId, update, existing?.updatedAt))) throw new TransientError('consent changed concurrently; retrying');

    // The consent is written first, so a week arriving meanwhile re-checks against the new choice.
    const deleted = await svc.summaries.purgeUnshared(userId, sharedCoach({ shareWithCoach, coachId }));
    log.info({ shareWithCoach, coachId, deletedWeeks: deleted }, 'coach consent updated');
  };
}
