// What the analyser erases when a calendar is disconnected or an account deleted, and the account deletion itself.
import { Subjects } from '@ledarsteg/contracts';
import { outboxMessage } from '@ledarsteg/store';
import type { FastifyBaseLogger } from 'fastify';
import type { AnalyserService } from '../service-context.js';

/** Everything derived from a leader's calendars: the projection, weeks, proposals, bookings and their queue. */
export async function eraseCalendarData(svc: AnalyserService, userId: string): Promise<Record<string, number>> {
  const at = svc.now();
  for (const connectionId of await svc.calendar.connectionsOf(userId)) await svc.erasures.record('connection', connectionId, at);
  const booking = await svc.connections.forLeader(userId);
  if (booking) await svc.erasures.record('connection', booking.connectionId, at);
  const erased = {
    events: await svc.calendar.forgetLeader(userId),
    weeks: await svc.analyses.forgetLeader(userId),
    proposals: await svc.proposals.forgetLeader(userId),
    bookings: await svc.bookings.forgetLeader(userId),
    weeklyRuns: await svc.weeklyRuns.forgetByKeyPrefix(`${userId}\n`),
  };
  await svc.connections.forgetLeader(userId);
  await svc.recompute.forgetLeader(userId);
  return erased;
}

/**
 * Deletes an account, or resumes a deletion a crash interrupted. The profile is marked and the deletion's announcement
 * put in its outbox in one write; then everything else goes; then the announcement is relayed; the profile goes last,
 * so until the end an unfinished deletion is found (and finished) by the scheduler.
 */
export async function deleteAccount(svc: AnalyserService, userId: string, opts: { log: FastifyBaseLogger; correlationId?: string }): Promise<boolean> {
  const doc = await svc.profiles.anyById(userId);
  if (!doc) return false;
  if (!doc.deletedAt) {
    const at = svc.now();
    const message = outboxMessage(Subjects.accountDeleted, { userId, deletedAt: at.toISOString() }, { occurredAt: at, ...(opts.correlationId ? { correlationId: opts.correlationId } : {}) });
    await svc.profiles.markDeleted(userId, at, message);
  }
  await finishDeletion(svc, userId, opts.log);
  return true;
}

async function finishDeletion(svc: AnalyserService, userId: string, log: FastifyBaseLogger): Promise<void> {
  const doc = await svc.profiles.anyById(userId);
  if (!doc?.deletedAt) return;
  // Marked first: a message from before the deletion that is still on its way must not bring the leader back.
  await svc.erasures.record('leader', userId, doc.deletedAt);
  const erased = await eraseCalendarData(svc, userId);
  // The digest's preference requests stay applied-once, but no longer say whose they were.
  const digestRequests = await svc.digestRequests.pseudonymise({ 'result.userId': userId });
  await svc.outbox.relay({ userId });
  await svc.profiles.forgetDeleted(userId);
  log.info({ userId, ...erased, digestRequests }, 'account deleted and its erasure announced');
}

/** Account deletions a stopped process left unfinished; each is finished, a failure is tried again next tick. */
export async function finishUnfinishedDeletions(svc: AnalyserService, log: FastifyBaseLogger): Promise<number> {
  let finished = 0;
  for (const { userId } of await svc.profiles.deletionsUnfinished(100)) {
    try {
      await finishDeletion(svc, userId, log);
      finished++;
    } catch (err) {
      log.warn({ err, userId }, 'account deletion not finished yet; tried again next tick');
    }
  }
  return finished;
}

/** Outbox messages a stopped process left unpublished (or NATS refused), relayed now. */
export async function relayWaiting(svc: AnalyserService, log: FastifyBaseLogger): Promise<number> {
  let relayed = 0;
  for (const userId of await svc.outbox.waiting('userId', 500)) {
    try {
      relayed += await svc.outbox.relay({ userId });
    } catch (err) {
      log.warn({ err, userId }, 'outbox not relayed yet; tried again next tick');
    }
  }
  return relayed;
}
