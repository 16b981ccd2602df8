// analysis.settings.changed.v1, the analyser's own: the weeks a change of settings affects are analysed again with them.
import { type Envelope, isoWeekOf } from '@ledarsteg/contracts';
import type { HandlerContext } from '@ledarsteg/messaging';
import { drainLeader, markWeeks } from '../analysis/recompute-queue.js';
import { shiftWeek } from '../analysis/week-inputs.js';
import type { AnalyserService } from '../service-context.js';

/**
 * The current and next week (whose proposals the leader acts on) and every later week already analysed. Past weeks
 * keep the analysis made with the settings of their time: they are history, not plans.
 */
export function onSettingsChanged(svc: AnalyserService) {
  return async (envelope: Envelope<'analysis.settings.changed.v1'>, msg: HandlerContext): Promise<void> => {
    const { userId } = envelope.data;
    const profile = await svc.profiles.byId(userId);
    if (!profile) {
      msg.log.info({ userId }, 'settings of a leader no longer here: nothing to analyse');
      return;
    }
    // The zone of the profile as it now is: a later change's zone wins, and re-analysing with it is what it asks for.
    const current = isoWeekOf(svc.now(), profile.timeZone);
    const weeks = new Set([current, shiftWeek(current, 1, profile.timeZone), ...(await svc.analyses.weeksFrom(userId, current))]);
    await markWeeks(svc, userId, [...weeks]);
    const result = await drainLeader(svc, userId, { log: msg.log, correlationId: envelope.correlationId });
    msg.log.info({ userId, weeks: weeks.size, result: result.status }, 'weeks analysed again after a change of settings');
  };
}
