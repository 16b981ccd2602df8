// calendar.events.changed.v1: applies the changes to the analyser's projection, marks the weeks they touched, analyses them.
import { type Envelope, isoWeeksBetween } from '@ledarsteg/contracts';
import type { HandlerContext } from '@ledarsteg/messaging';
import { drainLeader, markWeeks } from '../analysis/recompute-queue.js';
import type { AnalyserService } from '../service-context.js';

export function onEventsChanged(svc: AnalyserService) {
  return async (envelope: Envelope<'calendar.events.changed.v1'>, msg: HandlerContext): Promise<void> => {
    const { userId, connectionId, provider, changes, replayOf } = envelope.data;
    if ((await svc.erasures.isErased('connection', connectionId)) || (await svc.erasures.erasedSince('leader', userId, new Date(envelope.occurredAt)))) {
      msg.log.info({ userId, connectionId }, 'changes of an erased calendar dropped');
      return;
    }
    const touched = await svc.calendar.applyChanges(userId, connectionId, changes, svc.now());
    // Replays are not news about the calendar: they must not make a replayed, older connection the one to book through.
    if (!replayOf) await svc.connections.remember({ userId, connectionId, provider, seenAt: new Date(envelope.occurredAt) });
    const profile = await svc.profiles.byId(userId);
    if (!profile) {
      // The link message travels on its own consumer: when it creates the profile, every week the projection holds is
      // marked in the leader's zone and analysed then.
      msg.log.info({ userId, applied: touched.length }, 'changes applied before the leader is known');
      return;
    }
    // Weeks in the leader's own zone; a move or deletion also touches the week the event left.
    const weeks = new Set<string>();
    for (const { before, after } of touched) {
      if (before) for (const w of isoWeeksBetween(before.start, before.end, profile.timeZone)) weeks.add(w);
      if (after) for (const w of isoWeeksBetween(after.start, after.end, profile.timeZone)) weeks.add(w);
    }
    if (weeks.size > 0) await markWeeks(svc, userId, [...weeks]);
    // Also when nothing new applied: weeks left by an earlier failed attempt are picked up here.
    const result = await drainLeader(svc, userId, { log: msg.log, correlationId: envelope.correlationId });
    // 'busy': the running drainer sees our mark (the version moved) and analyses these weeks before it lets go.
    msg.log.info({ userId, applied: touched.length, weeks: weeks.size, result: result.status, replay: Boolean(replayOf) }, 'calendar changes handled');
  };
}
