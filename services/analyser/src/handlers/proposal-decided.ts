// The leader chose a proposed slot (from the digest's book-this link): book it through the usual booking path, once.
import { randomUUID } from 'node:crypto';
import type { Envelope } from '@ledarsteg/contracts';
import { type HandlerContext, TransientError } from '@ledarsteg/messaging';
import { blockIdForSlot } from '../booking/block-id.js';
import { publishBookingRequest } from '../booking/booking-requests.js';
import { loadProfile } from '../analysis/week-inputs.js';
import type { StoredBooking } from '../models/booking-model.js';
import type { AnalyserService } from '../service-context.js';

export function onProposalDecided(svc: AnalyserService) {
  return async (envelope: Envelope<'ledartid.proposal.decided.v1'>, msg: HandlerContext): Promise<void> => {
    const { userId, week, slot, decision, decisionId } = envelope.data;
    const log = msg.log.child({ userId, week, decisionId });
    if (decision !== 'accepted') {
      log.info('proposed slot declined');
      return;
    }
    const start = new Date(slot.start);
    const end = new Date(slot.end);
    const now = svc.now();
    if (!(end > start) || end <= now) {
      log.info('chosen slot is over or empty; nothing to book');
      return;
    }
    const profile = await loadProfile(svc, userId);
    if (!profile) {
      log.warn('decision for an unknown leader ignored');
      return;
    }
    const connection = await svc.connections.forLeader(userId);
    if (!connection) throw new TransientError(`no calendar connection yet for ${userId}`);

    // The block's id comes from the slot: a second decision on the same slot finds the block already there.
    const blockId = blockIdForSlot(userId, week, slot.start, slot.end);
    const all = await svc.bookings.allOfWeek(userId, week);
    const record: StoredBooking = {
      blockId,
      userId,
      week,
      slotIndex: all.reduce((max, b) => Math.max(max, b.slotIndex + 1), 0),
      connectionId: connection.connectionId,
      timeZone: profile.timeZone,
      status: 'requested',
      start,
      end,
      action: 'create',
      reason: 'leader',
      requestId: randomUUID(),
      requestPublished: false,
      attempts: 1,
      overwrittenBy: [],
      createdAt: now,
      updatedAt: now,
    };
    if (await svc.bookings.createIfAbsent(record)) {
      await publishBookingRequest(svc, record, envelope.correlationId);
      log.info({ blockId }, 'chosen ledartid requested');
      return;
    }
    // Recorded by an earlier delivery that died before publishing: finish its request (the outbox).
    const existing = await svc.bookings.byBlock(blockId);
    if (existing && existing.status === 'requested' && !existing.requestPublished) await publishBookingRequest(svc, existing, envelope.correlationId);
    log.info({ blockId }, 'chosen ledartid already booked');
  };
}
