// A newly linked calendar creates the leader's profile, or refreshes what the provider knows of them, then analyses
// any weeks that were synced before the profile existed.
import { defaultProfile, type Envelope } from '@ledarsteg/contracts';
import type { HandlerContext } from '@ledarsteg/messaging';
import type { StoredProfile } from '@ledarsteg/store';
import type { AnalyserContext } from '../analyser-context.js';
import { drainLeader } from '../analysis/recompute-queue.js';
import { rememberConnection } from '../models/leader-connection-model.js';

export function onConnectionLinked(analyser: AnalyserContext) {
  const { profiles, connections } = analyser;
  return async (envelope: Envelope<'calendar.connection.linked.v1'>, ctx: HandlerContext): Promise<void> => {
    const { userId, accountEmail, displayName, timeZone, workingHours } = envelope.data;
    const defaults = defaultProfile({ userId, email: accountEmail, timeZone });
    const fromProvider: Partial<StoredProfile> = { email: accountEmail };
    if (displayName) fromProvider.displayName = displayName;
    // The leader's own settings win over the provider's: only a new profile takes zone and hours from it.
    const onInsert: Partial<StoredProfile> = {
      userId,
      timeZone: defaults.timeZone,
      locale: defaults.locale,
      workingHours: workingHours?.length ? workingHours : defaults.workingHours,
      ledartidGoal: defaults.ledartidGoal,
      optIns: defaults.optIns,
    };
    if (defaults.lunch) onInsert.lunch = defaults.lunch;
    await profiles.updateOne({ userId }, { $set: fromProvider, $setOnInsert: onInsert }, { upsert: true }).exec();
    // Ledartid is booked through the connection linked last.
    await rememberConnection(connections, { userId, connectionId: envelope.data.connectionId, provider: envelope.data.provider, seenAt: new Date(envelope.data.linkedAt) });
    // Weeks synced before the profile existed wait in the leader's queue: analyse them now rather than on the next
    // redelivery of their message. A failure here redelivers this message, and the upserts above are idempotent.
    const drained = await drainLeader(analyser, userId, { log: ctx.log, correlationId: envelope.correlationId });
    ctx.log.info({ userId, drain: drained.status }, 'leader profile linked');
  };
}
