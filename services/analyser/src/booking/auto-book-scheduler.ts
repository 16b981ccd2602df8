// The minute timer: books next week's ledartid once the leader's booking moment has passed, retries and recovers.
import { DateTime } from 'luxon';
import type { AnalyserContext } from '../analyser-context.js';
import { abandonedLeaders, drainLeader } from '../analysis/recompute-queue.js';
import type { StoredProfile } from '@ledarsteg/store';
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

export type TickReport = { weeklyRuns: number; retried: number; flushed: number; recovered: number };

/** One pass of every timed duty; each leader's failure is logged and does not stop the others. */
export async function runSchedulerTick(ctx: AnalyserContext): Promise<TickReport> {
  const log = ctx.log.child({ component: 'scheduler' });
  const report: TickReport = { weeklyRuns: 0, retried: 0, flushed: 0, recovered: 0 };
  const leaders = await ctx.profiles.find({ 'optIns.autoBook': true }, { userId: 1, timeZone: 1 }).lean<Pick<StoredProfile, 'userId' | 'timeZone'>[]>().exec();
  for (const leader of leaders) {
    if (!bookingMomentPassed(ctx.now(), leader.timeZone, ctx.autoBookAt)) continue;
    try {
      const result = await bookNextWeek(ctx, leader.userId, { log });
      if (result.status === 'booked') report.weeklyRuns++;
    } catch (err) {
      log.error({ err, userId: leader.userId }, 'weekly booking failed; retried next tick');
    }
  }
  report.retried = await retryFailedBookings(ctx);
  report.flushed = await flushUnpublishedRequests(ctx);
  for (const userId of await abandonedLeaders(ctx)) {
    try {
      if ((await drainLeader(ctx, userId, { log })).status === 'drained') report.recovered++;
    } catch (err) {
      log.warn({ err, userId }, 'recovering marked weeks failed; retried next tick');
    }
  }
  return report;
}

/** Runs a tick every `everyMs`, never two at once; returns the stop function. */
export function startScheduler(ctx: AnalyserContext, everyMs: number): () => Promise<void> {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = runSchedulerTick(ctx)
      .catch((err: unknown) => ctx.log.error({ err }, 'scheduler tick failed'))
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
