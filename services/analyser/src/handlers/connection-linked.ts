// A newly linked calendar creates the leader's profile, or refreshes what the provider knows of them, then analyses
// whatever the projection already holds for a new leader.
import { defaultProfile, type Envelope, isoWeeksBetween, scheduleProblems } from '@ledarsteg/contracts';
import { type HandlerContext, TransientError } from '@ledarsteg/messaging';
import { drainLeader, markWeeks } from '../analysis/recompute-queue.js';
import { fromStoredProfile, type StoredProfile } from '../profiles/profile-model.js';
import { relayProfile, settingsChangedMessage } from '../profiles/settings-message.js';
import type { AnalyserService } from '../service-context.js';

export function onConnectionLinked(svc: AnalyserService) {
  return async (envelope: Envelope<'calendar.connection.linked.v1'>, msg: HandlerContext): Promise<void> => {
    const { userId, accountEmail, displayName, timeZone, workingHours } = envelope.data;
    if (await svc.erasures.erasedSince('leader', userId, new Date(envelope.occurredAt))) {
      msg.log.info({ userId }, 'link from before the account was deleted dropped');
      return;
    }
    const defaults = defaultProfile({ userId, email: accountEmail, timeZone });
    const fromProvider: Partial<StoredProfile> = { email: accountEmail };
    const providerHours = workingHours?.length && scheduleProblems(workingHours).length === 0 ? workingHours : [];
    if (displayName) fromProvider.displayName = displayName;
    // The leader's own settings win over the provider's: only a new profile takes zone and hours from it.
    const onInsert: Partial<StoredProfile> = {
      userId,
      timeZone: defaults.timeZone,
      locale: defaults.locale,
      // The provider's hours only when they make sense (with the default lunch, or else without one).
      workingHours: providerHours.length ? providerHours : defaults.workingHours,
      ledartidGoal: defaults.ledartidGoal,
      optIns: defaults.optIns,
    };
    if (defaults.lunch && scheduleProblems(onInsert.workingHours ?? [], defaults.lunch).length === 0) onInsert.lunch = defaults.lunch;
    const created = await svc.profiles.linkFromProvider(userId, fromProvider, onInsert);
    // Ledartid is booked through the connection linked last.
    await svc.connections.remember({ userId, connectionId: envelope.data.connectionId, provider: envelope.data.provider, seenAt: new Date(envelope.data.linkedAt) });
    const profile = created ? null : await svc.profiles.byId(userId);
    if (profile?.calendarErasedAt) {
      // A leader who disconnected every calendar is back: the settings are announced again, so the services that
      // erased their part at the disconnect (the coach's consent) hold them once more.
      const message = settingsChangedMessage(fromStoredProfile(profile), svc.now(), envelope.correlationId);
      if (!(await svc.profiles.announceReturn(userId, profile.updatedAt, message))) throw new TransientError('profile changed while announcing the return');
      await relayProfile(svc, userId, msg.log);
    }
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
