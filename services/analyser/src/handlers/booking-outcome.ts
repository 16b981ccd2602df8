// ledartid.booking.completed.v1 / failed.v1: records the outcome on the booking, only for the request it answers.
import type { Envelope } from '@ledarsteg/contracts';
import type { HandlerContext } from '@ledarsteg/messaging';
import type { AnalyserContext } from '../analyser-context.js';
import { drainLeader, markWeeks } from '../analysis/recompute-queue.js';
import type { StoredBooking } from '../models/booking-model.js';

export function onBookingCompleted(ctx: AnalyserContext) {
  return async (envelope: Envelope<'ledartid.booking.completed.v1'>, mctx: HandlerContext): Promise<void> => {
    const { blockId, requestId, action, providerEventId, start, end } = envelope.data;
    const booking = await ctx.bookings.findOne({ blockId, requestId }).lean<StoredBooking>().exec();
    if (!booking) {
      // An answer to a request that has since been replaced (or is not ours): the newer request decides.
      mctx.log.info({ blockId, requestId }, 'completion for an outdated request ignored');
      return;
    }
    const now = ctx.now();
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
    const changed = await ctx.bookings.updateOne({ blockId, requestId, status: 'requested' }, update).exec();
    mctx.log.info({ blockId, requestId, action }, 'ledartid booking completed');
    // The confirmed block is an input of the week's analysis: the sync that brings it back may have come first.
    if (changed.modifiedCount === 1) await reanalyse(ctx, booking, mctx, envelope.correlationId);
  };
}

async function reanalyse(ctx: AnalyserContext, booking: StoredBooking, mctx: HandlerContext, correlationId: string): Promise<void> {
  await markWeeks(ctx, booking.userId, [booking.week]);
  await drainLeader(ctx, booking.userId, { log: mctx.log, correlationId });
}

export function onBookingFailed(ctx: AnalyserContext) {
  return async (envelope: Envelope<'ledartid.booking.failed.v1'>, mctx: HandlerContext): Promise<void> => {
    const { blockId, requestId, code, message, retryable } = envelope.data;
    const res = await ctx.bookings
      .updateOne(
        { blockId, requestId, status: 'requested' },
        { $set: { status: 'failed', lastError: { code, message, retryable }, updatedAt: ctx.now() } },
      )
      .exec();
    mctx.log.warn({ blockId, requestId, code, retryable, matched: res.matchedCount }, 'ledartid booking failed');
  };
}
