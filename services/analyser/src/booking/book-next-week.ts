// Books the proposed ledartid of a leader's next week, once: a ledger entry per leader and week guards the run.
import { randomUUID } from 'node:crypto';
import { isoWeekOf } from '@ledarsteg/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { AnalyserService } from '../service-context.js';
import { proposeWeek } from '../analysis/refresh-proposals.js';
import { loadProfile, shiftWeek } from '../analysis/week-inputs.js';
import type { StoredBooking } from '../models/booking-model.js';
import { blockIdFor } from './block-id.js';
import { publishBookingRequest } from './booking-requests.js';

const RUN_LEASE_MS = 5 * 60_000;

export type WeeklyRunResult =
  | { status: 'booked'; week: string; blockIds: string[] }
  | { status: 'skipped'; week?: string; why: 'not-opted-in' | 'no-profile' | 'already-ran' | 'running' | 'no-connection' };

export async function bookNextWeek(
  svc: AnalyserService,
  userId: string,
  opts: { log: FastifyBaseLogger; correlationId?: string },
): Promise<WeeklyRunResult> {
  const profile = await loadProfile(svc, userId);
  if (!profile) return { status: 'skipped', why: 'no-profile' };
  if (!profile.optIns.autoBook) return { status: 'skipped', why: 'not-opted-in' };
  const now = svc.now();
  const week = shiftWeek(isoWeekOf(now, profile.timeZone), 1, profile.timeZone);
  const key = `${userId}\n${week}`;
  const owner = randomUUID();
  const claim = await svc.weeklyRuns.claim(key, owner, RUN_LEASE_MS, now);
  if (claim.status === 'done') return { status: 'skipped', week, why: 'already-ran' };
  if (claim.status === 'busy') return { status: 'skipped', week, why: 'running' };

  try {
    const connection = await svc.connections.forLeader(userId);
    if (!connection) {
      // Nothing to book through yet: give the run back so the next tick tries again.
      await svc.weeklyRuns.release(key, owner);
      return { status: 'skipped', week, why: 'no-connection' };
    }
    // Blocks of an earlier (interrupted) run count as existing, so the proposal only fills what is missing.
    const proposal = await proposeWeek(svc, profile, week, now);
    const all = await svc.bookings.allOfWeek(userId, week);
    let slotIndex = all.reduce((max, b) => Math.max(max, b.slotIndex + 1), 0);
    const blockIds: string[] = [];
    for (const slot of proposal.slots) {
      const blockId = blockIdFor(userId, week, slotIndex++);
      const record: StoredBooking = {
        blockId,
        userId,
        week,
        slotIndex: slotIndex - 1,
        connectionId: connection.connectionId,
        timeZone: profile.timeZone,
        status: 'requested',
        start: new Date(slot.start),
        end: new Date(slot.end),
        action: 'create',
        reason: 'weekly',
        requestId: randomUUID(),
        requestPublished: false,
        attempts: 1,
        overwrittenBy: [],
        createdAt: now,
        updatedAt: now,
      };
      // Created only if absent, decided by the upsert's own result: a block already recorded is never requested again.
      if (!(await svc.bookings.createIfAbsent(record))) continue;
      await publishBookingRequest(svc, record, opts.correlationId);
      blockIds.push(blockId);
    }
    await svc.weeklyRuns.complete(key, owner, { blockIds }, svc.now());
    opts.log.info({ userId, week, blocks: blockIds.length, shortfallMinutes: proposal.shortfallMinutes }, 'next week ledartid requested');
    return { status: 'booked', week, blockIds };
  } catch (err) {
    await svc.weeklyRuns.release(key, owner).catch(() => undefined);
    throw err;
  }
}
