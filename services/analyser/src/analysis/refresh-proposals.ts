// Proposes ledartid for a leader's current and next week (in their zone) and stores each proposal.
import { isoWeekOf, type LedartidProposal, type UserProfile } from '@ledarsteg/contracts';
import { proposeLedartid } from '@ledarsteg/insight';
import type { AnalyserContext } from '../analyser-context.js';
import { loadWeekEvents, plannedBlocks, shiftWeek, weekBookings } from './week-inputs.js';

export async function proposeWeek(ctx: AnalyserContext, profile: UserProfile, week: string, now: Date): Promise<LedartidProposal> {
  const events = await loadWeekEvents(ctx, profile.userId, week, profile.timeZone);
  const bookings = await weekBookings(ctx, profile.userId, week);
  const proposal = proposeLedartid({ events, profile, week, now: now.toISOString(), existingBlocks: plannedBlocks(bookings) });
  await ctx.proposals
    .updateOne({ userId: profile.userId, week }, { $set: { proposal, proposedAt: now } }, { upsert: true })
    .exec();
  return proposal;
}

export async function refreshProposals(ctx: AnalyserContext, profile: UserProfile): Promise<void> {
  const now = ctx.now();
  const current = isoWeekOf(now, profile.timeZone);
  for (const week of [current, shiftWeek(current, 1, profile.timeZone)]) await proposeWeek(ctx, profile, week, now);
}
