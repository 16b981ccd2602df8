// calendar.connection.disconnected.v1: the connection's events leave the projection; with no calendar left, everything
// derived from the leader's calendar goes too. The profile (the account and its settings) stays until the account goes.
import { type Envelope, isoWeeksBetween } from '@ledarsteg/contracts';
import type { HandlerContext } from '@ledarsteg/messaging';
import { drainLeader, markWeeks } from '../analysis/recompute-queue.js';
import { eraseCalendarData } from '../erasure/erase-leader.js';
import type { AnalyserService } from '../service-context.js';

export function onConnectionDisconnected(svc: AnalyserService) {
  return async (envelope: Envelope<'calendar.connection.disconnected.v1'>, msg: HandlerContext): Promise<void> => {
    const { userId, connectionId, remainingConnections } = envelope.data;
    // Marked first: a change of this connection still on its way is dropped instead of bringing its events back.
    await svc.erasures.record('connection', connectionId, svc.now());
    const spans = await svc.calendar.forgetConnection(connectionId);
    await svc.bookings.forgetConnection(connectionId);
    await svc.connections.forgetConnection(connectionId);
    if (remainingConnections === 0) {
      const erased = await eraseCalendarData(svc, userId);
      await svc.profiles.markCalendarErased(userId, svc.now());
      msg.log.info({ userId, ...erased }, 'last calendar disconnected: its analyses erased');
      return;
    }
    // Other calendars remain: the weeks this one's events were in are analysed again without them.
    const profile = await svc.profiles.byId(userId);
    if (!profile) return;
    const weeks = new Set<string>();
    for (const e of spans) for (const w of isoWeeksBetween(e.start, e.end, profile.timeZone)) weeks.add(w);
    if (weeks.size > 0) await markWeeks(svc, userId, [...weeks]);
    const result = await drainLeader(svc, userId, { log: msg.log, correlationId: envelope.correlationId });
    msg.log.info({ userId, weeks: weeks.size, result: result.status }, 'calendar disconnected: its events left the analysis');
  };
}
