// Proposes ledartid for a leader's current and next week (in their zone) and stores each proposal.
import { isoWeekOf, type LedartidProposal, Subjects, type UserProfile } from '@ledarsteg/contracts';
import { proposeLedartid } from '@ledarsteg/insight';
import type { AnalyserService } from '../service-context.js';
import { contentHash } from './content-hash.js';
import { loadWeekEvents, plannedBlocks, shiftWeek } from './week-inputs.js';

export async function proposeWeek(svc: AnalyserService, profile: UserProfile, week: string, now: Date): Promise<LedartidProposal> {
  const events = await loadWeekEvents(svc, profile.userId, week, profile.timeZone);
  const bookings = await svc.bookings.ofWeek(profile.userId, week);
  const proposal = proposeLedartid({ events, profile, week, now: now.toISOString(), existingBlocks: plannedBlocks(bookings) });
  await svc.proposals.store(profile.userId, week, proposal, now);
  // Announced for the digest's book-this links; an unchanged proposal gets the same id, and JetStream drops it.
  await svc.publish(
    Subjects.proposalUpdated,
    { userId: profile.userId, week, proposal, proposedAt: now.toISOString() },
    { id: `proposal-${contentHash({ userId: profile.userId, week, proposal }).slice(0, 48)}` },
  );
  return proposal;
}

export async function refreshProposals(svc: AnalyserService, profile: UserProfile): Promise<void> {
  const now = svc.now();
  const current = isoWeekOf(now, profile.timeZone);
  for (const week of [current, shiftWeek(current, 1, profile.timeZone)]) await proposeWeek(svc, profile, week, now);
}
