// Ledartid blocks LedarSteg books for a leader: the request in flight, and where the block last stood in the calendar.
import { type Connection, type Model, Schema } from 'mongoose';
import { Collections } from '../collections.js';

export type BookingStatus = 'requested' | 'booked' | 'failed' | 'removed';
export type BookingAction = 'create' | 'move' | 'remove';
export type BookingReason = 'weekly' | 'defend' | 'leader';

export type StoredBooking = {
  blockId: string;
  userId: string;
  week: string;
  /** Position among the blocks booked for this week: part of the block id. */
  slotIndex: number;
  connectionId: string;
  timeZone: string;
  status: BookingStatus;
  /** The time of the latest request. */
  start: Date;
  end: Date;
  /** Where the calendar holds the block, once a write succeeded. */
  confirmedStart?: Date;
  confirmedEnd?: Date;
  action: BookingAction;
  reason: BookingReason;
  requestId: string;
  /** Outbox flag: false until the latest request was accepted by JetStream. */
  requestPublished: boolean;
  attempts: number;
  providerEventId?: string;
  lastError?: { code: string; message: string; retryable: boolean };
  /** Meetings that overwrote this block (provider event ids): the overwrite count. */
  overwrittenBy: string[];
  createdAt: Date;
  updatedAt: Date;
};

const schema = new Schema<StoredBooking>(
  {
    blockId: { type: String, required: true },
    userId: { type: String, required: true },
    week: { type: String, required: true },
    slotIndex: { type: Number, required: true },
    connectionId: { type: String, required: true },
    timeZone: { type: String, required: true },
    status: { type: String, required: true, enum: ['requested', 'booked', 'failed', 'removed'] },
    start: { type: Date, required: true },
    end: { type: Date, required: true },
    confirmedStart: Date,
    confirmedEnd: Date,
    action: { type: String, required: true, enum: ['create', 'move', 'remove'] },
    reason: { type: String, required: true, enum: ['weekly', 'defend', 'leader'] },
    requestId: { type: String, required: true },
    requestPublished: { type: Boolean, required: true },
    attempts: { type: Number, required: true },
    providerEventId: String,
    lastError: { type: new Schema({ code: String, message: String, retryable: Boolean }, { _id: false }), required: false },
    overwrittenBy: { type: [String], default: [] },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, timestamps: false, collection: Collections.bookings },
);
schema.index({ blockId: 1 }, { unique: true });
schema.index({ userId: 1, week: 1 });
schema.index({ status: 1, requestPublished: 1 });

export function bookingModel(conn: Connection): Model<StoredBooking> {
  return (conn.models['LedartidBooking'] as Model<StoredBooking> | undefined) ?? conn.model<StoredBooking>('LedartidBooking', schema);
}
