// The minute timer: books next week's ledartid once the leader's booking moment has passed, retries and recovers.
import { DateTime } from 'luxon';
import { abandonedLeaders, drainLeader } from '../analysis/recompute-queue.js';
import { finishUnfinishedDeletions, relayWaiting } from '../erasure/erase-leader.js';
import { ensureProjectionRequested } from '../calendar/projection-state.js';
import type { AnalyserService } from '../service-context.js';
import { bookNextWeek } from './book-next-week.js';
import { flushUnpublishedRequests } from './booking-requests.js';
import { retryFailedBookings } from './retry-failed.js';

/** True once this ISO week's booking moment (weekday and HH:mm in `zone`) has passed. */
export function bookingMomentPassed(now: Date, zone: string, at: { weekday: number; time: string }): boolean {
  const local = DateTime.fromJSDate(now).setZone(zone);
  const [hours = 0, minutes = 0] = at.time.split(':').map(Number);
  const moment = local.startOf('week').plus({ days: at.weekday - 1 }).plus({ hours, minutes });
  return local >= moment;
}

export type TickReport = { weeklyRuns: number; retried: number; flushed: number; recovered: number; purged: number; relayed: number; deletionsFinished: number };

/** One pass of every timed duty; each leader's failure is logged and does not stop the others. */
export async function runSchedulerTick(svc: AnalyserService): Promise<TickReport> {
  const log = svc.log.child({ component: 'scheduler' });
  const report: TickReport = { weeklyRuns: 0, retried: 0, flushed: 0, recovered: 0, purged: 0, relayed: 0, deletionsFinished: 0 };
  // Settings and deletions announced by a process that stopped before it published them.
  report.relayed = await relayWaiting(svc, log);
  report.deletionsFinished = await finishUnfinishedDeletions(svc, log);
  // A projection request whose publish failed at start is retried here.
  await ensureProjectionRequested(svc).catch((err: unknown) => log.warn({ err }, 'projection request not yet published'));
  const leaders = await svc.profiles.optedInToAutoBook();
  for (const leader of leaders) {
    if (!bookingMomentPassed(svc.now(), leader.timeZone, svc.autoBookAt)) continue;
    try {
      const result = await bookNextWeek(svc, leader.userId, { log });
      if (result.status === 'booked') report.weeklyRuns++;
    } catch (err) {
      log.error({ err, userId: leader.userId }, 'weekly booking failed; retried next tick');
    }
  }
  report.retried = await retryFailedBookings(svc);
  report.flushed = await flushUnpublishedRequests(svc);
  for (const userId of await abandonedLeaders(svc)) {
    try {
      if ((await drainLeader(svc, userId, { log })).status === 'drained') report.recovered++;
    } catch (err) {
      log.warn({ err, userId }, 'recovering marked weeks failed; retried next tick');
    }
  }
  report.purged = await svc.calendar.purgeTombstones(svc.now());
  await svc.erasures.purgeExpired(svc.now());
  return report;
}

/** Runs a tick every `everyMs`, never two at once; returns the stop function. */
export function startScheduler(svc: AnalyserService, everyMs: number): () => Promise<void> {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = runSchedulerTick(svc)
      .catch((err: unknown) => svc.log.error({ err }, 'scheduler tick failed'))
      .finally(() => {
        running = undefined;
      });
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
