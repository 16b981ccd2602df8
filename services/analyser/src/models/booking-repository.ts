// The bookings repository: each ledartid block LedarSteg books, its request in flight, and its outcome.
import type { Model } from 'mongoose';
import type { StoredBooking } from './booking-model.js';

type Update = Record<string, unknown>;

export function bookingRepository(model: Model<StoredBooking>) {
  return {
    /** The week's bookings that are not removed, by slot. */
    async ofWeek(userId: string, week: string): Promise<StoredBooking[]> {
      const docs = await model.find({ userId, week, status: { $ne: 'removed' } }).lean<StoredBooking[]>().exec();
      return docs.sort((a, b) => a.slotIndex - b.slotIndex);
    },
    /** Every booking of the week, removed ones too (their slots stay taken). */
    allOfWeek: (userId: string, week: string) => model.find({ userId, week }).lean<StoredBooking[]>().exec(),
    forRequest: (blockId: string, requestId: string) => model.findOne({ blockId, requestId }).lean<StoredBooking>().exec(),
    byBlock: (blockId: string) => model.findOne({ blockId }).lean<StoredBooking>().exec(),

    /** Records a new block only if absent, decided by the upsert's own result; false when it was recorded already. */
    async createIfAbsent(record: StoredBooking): Promise<boolean> {
      try {
        const res = await model.updateOne({ blockId: record.blockId }, { $setOnInsert: record }, { upsert: true }).exec();
        return res.upsertedCount === 1;
      } catch (err) {
        // On real MongoDB a concurrent insert of the same block loses on the unique index: it was recorded already.
        if ((err as { code?: unknown }).code === 11000) return false;
        throw err;
      }
    },

    async markRequestPublished(blockId: string, requestId: string): Promise<void> {
      await model.updateOne({ blockId, requestId }, { $set: { requestPublished: true } }).exec();
    },
    /** Requests recorded but never confirmed as published (the process died in between). */
    unpublished: (limit: number) => model.find({ status: 'requested', requestPublished: false }).limit(limit).lean<StoredBooking[]>().exec(),

    /** The outcome of the request in flight; false when that request was replaced meanwhile (or already answered). */
    async recordCompletion(blockId: string, requestId: string, update: Update): Promise<boolean> {
      const res = await model.updateOne({ blockId, requestId, status: 'requested' }, update).exec();
      return res.modifiedCount === 1;
    },
    async recordFailure(blockId: string, requestId: string, lastError: { code: string; message: string; retryable: boolean }, at: Date): Promise<number> {
      const res = await model.updateOne({ blockId, requestId, status: 'requested' }, { $set: { status: 'failed', lastError, updatedAt: at } }).exec();
      return res.matchedCount;
    },

    /** Failed for a passing reason, still ahead, and not retried too often. */
    retryable: (now: Date, maxAttempts: number, limit: number) =>
      model
        .find({ status: 'failed', 'lastError.retryable': true, attempts: { $lt: maxAttempts }, start: { $gt: now } })
        .limit(limit)
        .lean<StoredBooking[]>()
        .exec(),
    /** A fresh request for a failed booking; null when someone else retried it first. */
    claimRetry: (b: Pick<StoredBooking, 'blockId' | 'requestId'>, requestId: string, at: Date) =>
      model
        .findOneAndUpdate(
          { blockId: b.blockId, requestId: b.requestId, status: 'failed' },
          { $set: { status: 'requested', requestId, requestPublished: false, updatedAt: at }, $inc: { attempts: 1 } },
          { new: true },
        )
        .lean<StoredBooking>()
        .exec(),

    async forgetLeader(userId: string): Promise<number> {
      return (await model.deleteMany({ userId }).exec()).deletedCount;
    },
    /** Bookings written through a connection that is gone: the blocks went with its calendar. */
    async forgetConnection(connectionId: string): Promise<number> {
      return (await model.deleteMany({ connectionId }).exec()).deletedCount;
    },

    async recordOverwrite(blockId: string, meetingIds: string[]): Promise<void> {
      await model.updateOne({ blockId }, { $addToSet: { overwrittenBy: { $each: meetingIds } } }).exec();
    },
    /** Moves a booked block to a new slot with a new request, only if it is still as read; null when not. */
    claimMove: (b: Pick<StoredBooking, 'blockId' | 'requestId'>, move: { requestId: string; start: Date; end: Date; at: Date; overwrittenBy: string[] }) =>
      model
        .findOneAndUpdate(
          { blockId: b.blockId, requestId: b.requestId, status: 'booked' },
          {
            $set: {
              status: 'requested',
              action: 'move',
              reason: 'defend',
              start: move.start,
              end: move.end,
              requestId: move.requestId,
              requestPublished: false,
              updatedAt: move.at,
            },
            $inc: { attempts: 1 },
            $addToSet: { overwrittenBy: { $each: move.overwrittenBy } },
          },
          { new: true },
        )
        .lean<StoredBooking>()
        .exec(),
  };
}

export type BookingRepository = ReturnType<typeof bookingRepository>;
