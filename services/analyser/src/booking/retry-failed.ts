// Retries bookings whose last request failed for a passing reason, each with a fresh request id.
import { randomUUID } from 'node:crypto';
import type { AnalyserService } from '../service-context.js';
import { publishBookingRequest } from './booking-requests.js';

/** After this many requests a block is left failed: the leader sees it rather than the system hammering on. */
export const MAX_BOOKING_ATTEMPTS = 5;

export async function retryFailedBookings(svc: AnalyserService): Promise<number> {
  const now = svc.now();
  const failed = await svc.bookings.retryable(now, MAX_BOOKING_ATTEMPTS, 500);
  let retried = 0;
  for (const b of failed) {
    const retry = await svc.bookings.claimRetry(b, randomUUID(), now);
    if (!retry) continue;
    await publishBookingRequest(svc, retry);
    retried++;
  }
  return retried;
}
