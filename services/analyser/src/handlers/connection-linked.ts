// A newly linked calendar creates the leader's profile, or refreshes what the provider knows of them, then analyses
// whatever the projection already holds for a new leader.
import { defaultProfile, type Envelope, isoWeeksBetween } from '@ledarsteg/contracts';
import type { HandlerContext } from '@ledarsteg/messaging';
import { drainLeader, markWeeks } from '../analysis/recompute-queue.js';
import type { StoredProfile } from '../profiles/profile-model.js';
import type { AnalyserService } from '../service-context.js';

export function onConnectionLinked(svc: AnalyserService) {
  return async (envelope: Envelope<'calendar.connection.linked.v1'>, msg: HandlerContext): Promise<void> => {
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
    const created = await svc.profiles.linkFromProvider(userId, fromProvider, onInsert);
    // Ledartid is booked through the connection linked last.
    await svc.connections.remember({ userId, connectionId: envelope.data.connectionId, provider: envelope.data.provider, seenAt: new Date(envelope.data.linkedAt) });
    if (created) {
      // Changes that arrived before the profile were applied but could not be placed in the leader's weeks: now they can.
      // On a redelivery `created` is false, but the weeks marked the first time are still queued.
      const weeks = new Set<string>();
      for (const e of await svc.calendar.spans(userId)) for (const w of isoWeeksBetween(e.start, e.end, defaults.timeZone)) weeks.add(w);
      if (weeks.size > 0) await markWeeks(svc, userId, [...weeks]);
    }
    const drained = await drainLeader(svc, userId, { log: msg.log, correlationId: envelope.correlationId });
    msg.log.info({ userId, created, drain: drained.status }, 'leader profile linked');
  };
}
