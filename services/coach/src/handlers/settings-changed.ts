// A leader's sharing choice becomes the coach's access: granting stores consent, withdrawing or switching coach deletes the data.
import type { Envelope } from '@ledarsteg/contracts';
import { type HandlerContext, TransientError } from '@ledarsteg/messaging';
import type { Model } from 'mongoose';
import { type Consent, sharedCoach } from '../consent-model.js';
import type { WeekSummary } from '../week-summary-model.js';

/** Deletes every stored week of `userId` that no coach may see any longer. */
export async function purgeUnshared(summaries: Model<WeekSummary>, userId: string, coachId: string | undefined): Promise<number> {
  const res = await summaries.deleteMany(coachId ? { userId, coachId: { $ne: coachId } } : { userId }).exec();
  return res.deletedCount;
}

export function onSettingsChanged(consents: Model<Consent>, summaries: Model<WeekSummary>) {
  return async (envelope: Envelope<'analysis.settings.changed.v1'>, ctx: HandlerContext): Promise<void> => {
    const { userId, shareWithCoach, coachId, displayName, ledartidGoal, changedAt } = envelope.data;
    const log = ctx.log.child({ userId });
    const changed = new Date(changedAt);
    const existing = await consents.findOne({ userId }).lean<Consent>().exec();

    if (existing && existing.updatedAt.getTime() >= changed.getTime()) {
      // An older choice arriving late must not re-grant access; the stored one still governs the data.
      log.debug('stale settings change ignored');
      await purgeUnshared(summaries, userId, sharedCoach(existing));
      return;
    }

    const set: Record<string, unknown> = { shareWithCoach, ledartidGoal, updatedAt: changed };
    const unset: Record<string, 1> = {};
    if (coachId) set['coachId'] = coachId;
    else unset['coachId'] = 1;
    if (displayName) set['displayName'] = displayName;
    else unset['displayName'] = 1;
    const update = Object.keys(unset).length ? { $set: set, $unset: unset } : { $set: set };

    if (existing) {
      // Conditional on what we read, so two instances racing on one leader cannot interleave their writes.
      const res = await consents.updateOne({ userId, updatedAt: existing.updatedAt }, update).exec();
      if (res.matchedCount === 0) throw new TransientError('consent changed concurrently; retrying');
    } else {
      await consents.updateOne({ userId }, { ...update, $setOnInsert: { userId } }, { upsert: true }).exec();
    }

    // The consent is written first, so a week arriving meanwhile re-checks against the new choice.
    const deleted = await purgeUnshared(summaries, userId, sharedCoach({ shareWithCoach, coachId }));
    log.info({ shareWithCoach, coachId, deletedWeeks: deleted }, 'coach consent updated');
  };
}
