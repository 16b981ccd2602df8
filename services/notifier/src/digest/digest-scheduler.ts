// The poll loop: finds digests that are due, claims each with a lease so one instance sends it, and moves the schedule on.
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { NotifierService } from '../service-context.js';
import { nextDue } from './schedule.js';
import { announcePending, type DigestRun, sendDigest } from './send-digest.js';

const BATCH = 50;
const MAX_RETRY_MS = 60 * 60_000;

/** The delay before attempt `attempts + 1` after a temporary failure: doubling, at most an hour. */
export function retryDelay(baseMs: number, attempts: number): number {
  return Math.min(MAX_RETRY_MS, baseMs * 2 ** Math.max(0, attempts - 1));
}

/** What one instance's loop carries from round to round. */
export interface SchedulerState {
  /** Some sent digest may not be announced yet: true at start (a crash may have left one) and after a failed publish. */
  unannounced: boolean;
}

/** Runs every due digest once; returns how many were handled (sent, skipped or failed). */
export async function runDueDigests(svc: NotifierService, log: FastifyBaseLogger, state: SchedulerState = { unannounced: true }): Promise<number> {
  const instance = randomUUID();
  let handled = 0;
  for (const candidate of await svc.subscriptions.due(svc.now(), BATCH)) {
    if (!candidate.dueAt) continue;
    const owner = `${instance}:${candidate.userId}`;
    // Conditional on the due time and a free lease: with two instances, only one wins the claim.
    const sub = await svc.subscriptions.claim(candidate.userId, candidate.dueAt, owner, svc.now(), svc.digest.leaseMs);
    if (!sub?.dueAt || !sub.dueWeek) continue;
    const week = sub.dueWeek;
    let run: DigestRun;
    try {
      run = await sendDigest(svc, sub, week, log);
    } catch (err) {
      // Database or NATS trouble: the lease lapses and the digest is tried again.
      log.error({ err, userId: sub.userId, week }, 'digest run failed');
      continue;
    }
    handled++;
    if (run.status === 'sent' && !run.announced) state.unannounced = true;
    const attempts = sub.attempts + 1;
    const giveUp = run.status === 'failed' && !run.failure.permanent && attempts >= svc.digest.maxAttempts;
    if ((run.status === 'failed' && !run.failure.permanent && !giveUp) || run.status === 'busy') {
      await svc.subscriptions.reschedule(sub.userId, owner, {
        dueAt: new Date(svc.now().getTime() + retryDelay(svc.digest.retryMs, attempts)),
        dueWeek: week,
        attempts: run.status === 'busy' ? sub.attempts : attempts,
      });
      continue;
    }
    // Sent, already sent, nothing to send this week, or failed for good: on to next week's digest.
    // From now, not from the due time: after a long outage the leader gets the coming digest, not a backlog.
    const next = nextDue(sub, new Date(Math.max(sub.dueAt.getTime(), svc.now().getTime())));
    if (!next) {
      await svc.subscriptions.release(sub.userId, owner);
      continue;
    }
    await svc.subscriptions.reschedule(sub.userId, owner, {
      ...next,
      attempts: 0,
      ...(run.status === 'failed' ? { lastFailure: { week, code: run.failure.code, permanent: run.failure.permanent, at: svc.now() } } : {}),
    });
    if (run.status !== 'sent') log.info({ userId: sub.userId, week, outcome: run.status }, 'no digest sent this week');
  }
  // Only when something may be left: the sweep reads the ledger, and most rounds have nothing to catch up.
  if (state.unannounced) state.unannounced = !(await announcePending(svc, log));
  return handled;
}

/** Starts the loop; the returned function stops it and waits for a round in progress. */
export function startDigestScheduler(svc: NotifierService, everyMs: number, log: FastifyBaseLogger): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<unknown> = Promise.resolve();
  const state: SchedulerState = { unannounced: true };
  const tick = () => {
    round = runDueDigests(svc, log, state)
      .catch((err: unknown) => log.error({ err }, 'digest round failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, everyMs);
      });
  };
  timer = setTimeout(tick, 0);
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await round;
  };
}
