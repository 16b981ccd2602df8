// A finished week is kept for the leader's coach only while the leader shares with one; otherwise it is dropped.
import type { Envelope } from '@ledarsteg/contracts';
import type { HandlerContext } from '@ledarsteg/messaging';
import { sharedCoach } from '../consent-model.js';
import type { CoachService } from '../service-context.js';
import type { WeekSummary } from '../week-summary-model.js';

export function onWeekCompleted(svc: CoachService) {
  return async (envelope: Envelope<'analysis.week.completed.v1'>, msg: HandlerContext): Promise<void> => {
    // Titles (the flags' names, the titles map) and the per-meeting analysis never reach a coach: only the totals are kept.
    const { userId, week, analysedAt, flags: _flags, overwrittenBlocks: _overwritten, titles: _titles, analysis: _analysis, days: _days, ...totals } = envelope.data;
    const log = msg.log.child({ userId, week });
    if (await svc.erasures.erasedSince('leader', userId, new Date(analysedAt))) {
      log.info('week analysed before the leader was erased dropped');
      return;
    }
    const coachId = sharedCoach(await svc.consents.byLeader(userId));
    if (!coachId) {
      log.debug('leader does not share with a coach; week discarded');
      return;
    }
    const summary: WeekSummary = { userId, coachId, week, analysedAt: new Date(analysedAt), ...totals };
    await svc.summaries.store(summary);

    // Consent may have been withdrawn between our read and our write: check again and undo if so.
    const now = sharedCoach(await svc.consents.byLeader(userId));
    if (now !== coachId) {
      await svc.summaries.removeFor(userId, coachId);
      log.info('consent changed while storing; week removed');
      return;
    }
    log.debug({ coachId }, 'week stored for coach');
  };
}
