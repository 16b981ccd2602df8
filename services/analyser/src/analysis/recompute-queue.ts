// Collapses bursts of synced messages: weeks are marked per leader, and one drainer at a time analyses them.
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { TransientError } from '@ledarsteg/messaging';
import type { AnalyserContext } from '../analyser-context.js';
import type { StoredRecompute } from '../models/recompute-queue-model.js';
import { analyseLeaderWeek } from './analyse-leader-week.js';
import { refreshProposals } from './refresh-proposals.js';
import { loadProfile } from './week-inputs.js';

/** How long a drainer's claim holds if it dies; the scheduler then picks the leader up. */
export const DRAIN_LEASE_MS = 2 * 60_000;

export async function markWeeks(ctx: AnalyserContext, userId: string, weeks: string[]): Promise<void> {
  await ctx.recompute
    .updateOne({ userId }, { $addToSet: { weeks: { $each: weeks } }, $inc: { version: 1 }, $set: { markedAt: ctx.now() } }, { upsert: true })
    .exec();
}

export type DrainResult = { status: 'drained'; weeks: string[]; published: number } | { status: 'busy' | 'empty' };

/**
 * Takes the leader's queue if nobody holds it, analyses every marked week (oldest first, so each trend sees the
 * fresh week before it), then clears the queue only if nothing was marked meanwhile; otherwise it goes again.
 */
export async function drainLeader(ctx: AnalyserContext, userId: string, opts: { log: FastifyBaseLogger; correlationId?: string }): Promise<DrainResult> {
  const owner = randomUUID();
  const lease = () => new Date(ctx.now().getTime() + DRAIN_LEASE_MS);
  const doc = await ctx.recompute
    .findOneAndUpdate(
      { userId, 'weeks.0': { $exists: true }, $or: [{ leaseUntil: null }, { leaseUntil: { $lt: ctx.now() } }] },
      { $set: { owner, leaseUntil: lease() } },
      { new: true },
    )
    .lean<StoredRecompute>()
    .exec();
  if (!doc) {
    const current = await ctx.recompute.findOne({ userId }).lean<StoredRecompute>().exec();
    return { status: current?.weeks.length ? 'busy' : 'empty' };
  }
  try {
    return await drainClaimed(ctx, userId, owner, doc, lease, opts);
  } catch (err) {
    // Let go at once, so the redelivered message (or the next one) drains instead of waiting out the lease.
    await ctx.recompute.updateOne({ userId, owner }, { $unset: { owner: 1, leaseUntil: 1 } }).exec();
    throw err;
  }
}

async function drainClaimed(
  ctx: AnalyserContext,
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
    const profile = await loadProfile(ctx, userId);
    if (!profile) throw new TransientError(`no profile yet for leader ${userId}`);
    for (const week of [...new Set(doc.weeks)].sort()) {
      const outcome = await analyseLeaderWeek(ctx, profile, week, opts);
      if (outcome.published) published++;
      done.add(week);
    }
    await refreshProposals(ctx, profile);
    const cleared = await ctx.recompute
      .updateOne({ userId, owner, version: doc.version }, { $set: { weeks: [] }, $unset: { owner: 1, leaseUntil: 1 } })
      .exec();
    if (cleared.modifiedCount === 1) return { status: 'drained', weeks: [...done].sort(), published };
    // Marked again while we worked: keep the claim and take the new state.
    doc = await ctx.recompute.findOneAndUpdate({ userId, owner }, { $set: { leaseUntil: lease() } }, { new: true }).lean<StoredRecompute>().exec();
    if (!doc) return { status: 'drained', weeks: [...done].sort(), published };
  }
}

/** Leaders whose drainer died with weeks still marked. */
export async function abandonedLeaders(ctx: AnalyserContext): Promise<string[]> {
  const docs = await ctx.recompute
    .find({ 'weeks.0': { $exists: true }, $or: [{ leaseUntil: null }, { leaseUntil: { $lt: ctx.now() } }] })
    .limit(500)
    .lean<StoredRecompute[]>()
    .exec();
  return docs.map((d) => d.userId);
}
