// Publishes booking requests from the booking record (an outbox): a request is sent until JetStream has accepted it.
import { Subjects } from '@ledarsteg/contracts';
import type { AnalyserService } from '../service-context.js';
import type { StoredBooking } from '../models/booking-model.js';

export async function publishBookingRequest(svc: AnalyserService, b: StoredBooking, correlationId?: string): Promise<void> {
  await svc.publish(
    Subjects.bookingRequested,
    {
      blockId: b.blockId,
      requestId: b.requestId,
      userId: b.userId,
      connectionId: b.connectionId,
      week: b.week,
      action: b.action,
      ...(b.action === 'remove' ? {} : { start: b.start.toISOString(), end: b.end.toISOString() }),
      timeZone: b.timeZone,
      reason: b.reason,
    },
    // The request id is the message id: re-sending after a crash is dropped by JetStream, then by calendar-sync's ledger.
    { id: `booking-${b.requestId}`, ...(correlationId ? { correlationId } : {}) },
  );
  await svc.bookings.markRequestPublished(b.blockId, b.requestId);
}

/** Sends requests recorded but never confirmed as published (the process died in between). */
export async function flushUnpublishedRequests(svc: AnalyserService): Promise<number> {
  const pending = await svc.bookings.unpublished(500);
  for (const b of pending) await publishBookingRequest(svc, b);
  return pending.length;
}
