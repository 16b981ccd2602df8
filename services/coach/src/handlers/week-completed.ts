// A finished week is kept for the leader's coach only while the leader shares with one; otherwise it is dropped.
import type { Envelope } from '@ledarsteg/contracts';
import type { HandlerContext } from '@ledarsteg/messaging';
import type { Model } from 'mongoose';
import { type Consent, sharedCoach } from '../consent-model.js';
import type { WeekSummary } from '../week-summary-model.js';

export function onWeekCompleted(consents: Model<Consent>, summaries: Model<WeekSummary>) {
  return async (envelope: Envelope<'analysis.week.completed.v1'>, ctx: HandlerContext): Promise<void> => {
    const { userId, week, analysedAt, ...totals } = envelope.data;
    const log = ctx.log.child({ userId, week });
    const coachId = sharedCoach(await consents.findOne({ userId }).lean<Consent>().exec());
    if (!coachId) {
      log.debug('leader does not share with a coach; week discarded');
      return;
    }
    const summary: WeekSummary = { userId, coachId, week, analysedAt: new Date(analysedAt), ...totals };
    await summaries.updateOne({ userId, week }, { $set: summary }, { upsert: true }).exec();

    // Consent may have been withdrawn between our read and our write: check again and undo if so.
    const now = sharedCoach(await consents.findOne({ userId }).lean<Consent>().exec());
    if (now !== coachId) {
      await summaries.deleteMany({ userId, coachId }).exec();
      log.info('consent changed while storing; week removed');
      return;
    }
    log.debug({ coachId }, 'week stored for coach');
  };
}
