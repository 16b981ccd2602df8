// Retries bookings whose last request failed for a passing reason, each with a fresh request id.
import { randomUUID } from 'node:crypto';
import type { AnalyserContext } from '../analyser-context.js';
import type { StoredBooking } from '../models/booking-model.js';
import { publishBookingRequest } from './booking-requests.js';

/** After this many requests a block is left failed: the leader sees it rather than the system hammering on. */
export const MAX_BOOKING_ATTEMPTS = 5;

export async function retryFailedBookings(ctx: AnalyserContext): Promise<number> {
  const now = ctx.now();
  const failed = await ctx.bookings
    .find({ status: 'failed', 'lastError.retryable': true, attempts: { $lt: MAX_BOOKING_ATTEMPTS }, start: { $gt: now } })
    .limit(500)
    .lean<StoredBooking[]>()
    .exec();
  let retried = 0;
  for (const b of failed) {
    const retry = await ctx.bookings
      .findOneAndUpdate(
        { blockId: b.blockId, requestId: b.requestId, status: 'failed' },
        { $set: { status: 'requested', requestId: randomUUID(), requestPublished: false, updatedAt: now }, $inc: { attempts: 1 } },
        { new: true },
      )
      .lean<StoredBooking>()
      .exec();
    if (!retry) continue;
    await publishBookingRequest(ctx, retry);
    retried++;
  }
  return retried;
}
