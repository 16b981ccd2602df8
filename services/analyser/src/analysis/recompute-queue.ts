// Collapses bursts of calendar changes: weeks are marked per leader, and one drainer at a time analyses them.
import { randomUUID } from 'node:crypto';
import { TransientError } from '@ledarsteg/messaging';
import type { FastifyBaseLogger } from 'fastify';
import type { StoredRecompute } from '../models/recompute-queue-model.js';
import type { AnalyserService } from '../service-context.js';
import { analyseLeaderWeek } from './analyse-leader-week.js';
import { refreshProposals } from './refresh-proposals.js';
import { loadProfile } from './week-inputs.js';

/** How long a drainer's claim holds if it dies; the scheduler then picks the leader up. */
export const DRAIN_LEASE_MS = 2 * 60_000;

export async function markWeeks(svc: AnalyserService, userId: string, weeks: string[]): Promise<void> {
  await svc.recompute.mark(userId, weeks, svc.now());
}

export type DrainResult = { status: 'drained'; weeks: string[]; published: number } | { status: 'busy' | 'empty' };

/**
 * Takes the leader's queue if nobody holds it, analyses every marked week (oldest first, so each trend sees the
 * fresh week before it), then clears the queue only if nothing was marked meanwhile; otherwise it goes again.
 */
export async function drainLeader(svc: AnalyserService, userId: string, opts: { log: FastifyBaseLogger; correlationId?: string }): Promise<DrainResult> {
  const owner = randomUUID();
  const lease = () => new Date(svc.now().getTime() + DRAIN_LEASE_MS);
  const doc = await svc.recompute.claim(userId, owner, lease(), svc.now());
  if (!doc) {
    const current = await svc.recompute.get(userId);
    return { status: current?.weeks.length ? 'busy' : 'empty' };
  }
  try {
    return await drainClaimed(svc, userId, owner, doc, lease, opts);
  } catch (err) {
    // Let go at once, so the redelivered message (or the next one) drains instead of waiting out the lease.
    await svc.recompute.release(userId, owner);
    throw err;
  }
}

async function drainClaimed(
  svc: AnalyserService,
  userId: string,
  owner: string,
  claimed: StoredRecompute,
  lease: () => Date,
  opts: { log: FastifyBaseLogger; correlationId?: string },
): Promise<DrainResult> {
  let doc: StoredRecompute | null = claimed;
  const done = new Set<string>();
  let published = 0;
  for (;;) {
    const profile = await loadProfile(svc, userId);
    if (!profile) throw new TransientError(`no profile yet for leader ${userId}`);
    for (const week of [...new Set(doc.weeks)].sort()) {
      const outcome = await analyseLeaderWeek(svc, profile, week, opts);
      if (outcome.published) published++;
      done.add(week);
    }
    await refreshProposals(svc, profile);
    if (await svc.recompute.clearIfUnchanged(userId, owner, doc.version)) return { status: 'drained', weeks: [...done].sort(), published };
    // Marked again while we worked: keep the claim and take the new state.
    doc = await svc.recompute.extend(userId, owner, lease());
    if (!doc) return { status: 'drained', weeks: [...done].sort(), published };
  }
}

/** Leaders whose drainer died with weeks still marked. */
export function abandonedLeaders(svc: AnalyserService): Promise<string[]> {
  return svc.recompute.abandoned(svc.now(), 500);
}
