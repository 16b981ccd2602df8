// Loads what one week's analysis needs: the leader's profile, the events around the week, earlier metrics, booked blocks.
import { type BookedLedartidBlock, type CalendarEvent, isoWeekBounds, isoWeekOf, type UserProfile, type WeekMetrics } from '@ledarsteg/contracts';
import { prepareProfile } from '@ledarsteg/insight';
import type { StoredBooking } from '../models/booking-model.js';
import { fromStoredProfile } from '../profiles/profile-model.js';
import type { AnalyserService } from '../service-context.js';

const PREVIOUS_WEEKS = 4;

/** The leader's profile, validated once here (a bad stored profile throws) and frozen for every week analysed with it. */
export async function loadProfile(svc: AnalyserService, userId: string): Promise<UserProfile | undefined> {
  const doc = await svc.profiles.byId(userId);
  return doc ? prepareProfile(fromStoredProfile(doc)) : undefined;
}

/** Events overlapping the week plus a day either side: busy time just across midnight still matters to buffers. */
export async function loadWeekEvents(svc: AnalyserService, userId: string, week: string, zone: string): Promise<CalendarEvent[]> {
  const { start, end } = isoWeekBounds(week, zone);
  return svc.calendar.between(userId, start.minus({ days: 1 }).toJSDate(), end.plus({ days: 1 }).toJSDate());
}

/** The ISO week `offset` weeks from `week` (negative for earlier weeks). */
export function shiftWeek(week: string, offset: number, zone: string): string {
  const { start } = isoWeekBounds(week, zone);
  // Mid-week noon: far from any DST edge, so the shift always lands inside the wanted week.
  return isoWeekOf(start.plus({ weeks: offset, days: 3, hours: 12 }).toJSDate(), zone);
}

/** Metrics of up to four earlier weeks that have been analysed, oldest first. */
export async function previousMetrics(svc: AnalyserService, userId: string, week: string, zone: string): Promise<WeekMetrics[]> {
  const weeks = Array.from({ length: PREVIOUS_WEEKS }, (_, i) => shiftWeek(week, i - PREVIOUS_WEEKS, zone));
  return svc.analyses.metricsOf(userId, weeks);
}

/** Blocks the calendar is known to hold (a write succeeded): what kept/moved/removed are measured against. */
export function confirmedBlocks(bookings: StoredBooking[]): BookedLedartidBlock[] {
  return bookings.flatMap((b) =>
    b.confirmedStart && b.confirmedEnd ? [{ blockId: b.blockId, start: b.confirmedStart.toISOString(), end: b.confirmedEnd.toISOString() }] : [],
  );
}

/** Blocks booked or on their way: busy time for any new proposal. */
export function plannedBlocks(bookings: StoredBooking[]): BookedLedartidBlock[] {
  return bookings
    .filter((b) => b.status === 'requested' || b.status === 'booked' || (b.status === 'failed' && b.lastError?.retryable))
    .map((b) => ({ blockId: b.blockId, start: b.start.toISOString(), end: b.end.toISOString() }));
}
