// ledartid.booking.completed.v1 / failed.v1: records the outcome on the booking, only for the request it answers.
import type { Envelope } from '@ledarsteg/contracts';
import type { HandlerContext } from '@ledarsteg/messaging';
import { drainLeader, markWeeks } from '../analysis/recompute-queue.js';
import type { StoredBooking } from '../models/booking-model.js';
import type { AnalyserService } from '../service-context.js';

export function onBookingCompleted(svc: AnalyserService) {
  return async (envelope: Envelope<'ledartid.booking.completed.v1'>, msg: HandlerContext): Promise<void> => {
    const { blockId, requestId, action, providerEventId, start, end } = envelope.data;
    const booking = await svc.bookings.forRequest(blockId, requestId);
    if (!booking) {
      // An answer to a request that has since been replaced (or is not ours): the newer request decides.
      msg.log.info({ blockId, requestId }, 'completion for an outdated request ignored');
      return;
    }
    const now = svc.now();
    const update =
      action === 'remove'
        ? { $set: { status: 'removed', updatedAt: now }, $unset: { confirmedStart: 1, confirmedEnd: 1, lastError: 1 } }
        : {
            $set: {
              status: 'booked',
              confirmedStart: start ? new Date(start) : booking.start,
              confirmedEnd: end ? new Date(end) : booking.end,
              updatedAt: now,
              ...(providerEventId ? { providerEventId } : {}),
            },
            $unset: { lastError: 1 },
          };
    const changed = await svc.bookings.recordCompletion(blockId, requestId, update);
    msg.log.info({ blockId, requestId, action }, 'ledartid booking completed');
    // The confirmed block is an input of the week's analysis: the sync that brings it back may have come first.
    if (changed) await reanalyse(svc, booking, msg, envelope.correlationId);
  };
}

async function reanalyse(svc: AnalyserService, booking: StoredBooking, msg: HandlerContext, correlationId: string): Promise<void> {
  await markWeeks(svc, booking.userId, [booking.week]);
  await drainLeader(svc, booking.userId, { log: msg.log, correlationId });
}

export function onBookingFailed(svc: AnalyserService) {
  return async (envelope: Envelope<'ledartid.booking.failed.v1'>, msg: HandlerContext): Promise<void> => {
    const { blockId, requestId, code, message, retryable } = envelope.data;
    const matched = await svc.bookings.recordFailure(blockId, requestId, { code, message, retryable }, svc.now());
    msg.log.warn({ blockId, requestId, code, retryable, matched }, 'ledartid booking failed');
  };
}
