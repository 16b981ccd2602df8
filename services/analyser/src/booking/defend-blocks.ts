// Defends booked ledartid: a block an accepted meeting now overlaps is moved to a free slot in the same week.
import { randomUUID } from 'node:crypto';
import type { CalendarEvent, UserProfile } from '@ledarsteg/contracts';
import { blocksTime, isMeeting, proposeLedartid } from '@ledarsteg/insight';
import type { FastifyBaseLogger } from 'fastify';
import { plannedBlocks } from '../analysis/week-inputs.js';
import type { StoredBooking } from '../models/booking-model.js';
import type { AnalyserService } from '../service-context.js';
import { publishBookingRequest } from './booking-requests.js';

const MAX_GOAL_BLOCKS = 10;

function overlaps(e: CalendarEvent, start: number, end: number): boolean {
  return Date.parse(e.start) < end && Date.parse(e.end) > start;
}

/** Meetings the leader said yes to (or organises) that cover part of the block. */
function overwritingMeetings(events: CalendarEvent[], block: CalendarEvent): CalendarEvent[] {
  const start = Date.parse(block.start);
  const end = Date.parse(block.end);
  return events.filter(
    (e) => e !== block && isMeeting(e) && (e.selfResponse === 'accepted' || e.selfResponse === 'organizer') && overlaps(e, start, end),
  );
}

/** A free slot as long as the block, in the same week, with the block itself no longer counted as busy. */
function newSlotFor(profile: UserProfile, week: string, now: Date, events: CalendarEvent[], block: CalendarEvent, others: StoredBooking[]) {
  const withoutBlock = events.filter((e) => e !== block && e.ledartidBlockId !== block.ledartidBlockId);
  const otherIds = new Set([
    ...plannedBlocks(others).map((b) => b.blockId),
    ...withoutBlock.flatMap((e) => (e.ledartidBlockId && blocksTime(e) ? [e.ledartidBlockId] : [])),
  ]);
  const minutes = Math.round((Date.parse(block.end) - Date.parse(block.start)) / 60_000);
  // The goal is set so exactly the missing block is wanted: one more than every other block the week holds.
  const goal = { ...profile.ledartidGoal, blocks: Math.min(MAX_GOAL_BLOCKS, otherIds.size + 1), blockMinutes: Math.min(480, Math.max(15, minutes)) };
  const proposal = proposeLedartid({
    events: withoutBlock,
    profile: { ...profile, ledartidGoal: goal },
    week,
    now: now.toISOString(),
    existingBlocks: plannedBlocks(others),
  });
  return proposal.slots[0];
}

export async function defendBlocks(
  svc: AnalyserService,
  input: { profile: UserProfile; week: string; events: CalendarEvent[]; now: Date; correlationId?: string; log: FastifyBaseLogger },
): Promise<number> {
  const { profile, week, events, now } = input;
  const bookings = await svc.bookings.ofWeek(profile.userId, week);
  let moved = 0;
  for (const booking of bookings) {
    // Only a block the calendar is known to hold; one with a request in flight is decided by that request.
    if (booking.status !== 'booked') continue;
    const block = events.find((e) => e.ledartidBlockId === booking.blockId && e.status !== 'cancelled');
    if (!block || Date.parse(block.start) <= now.getTime()) continue;
    const meetings = overwritingMeetings(events, block);
    if (meetings.length === 0) continue;
    const overwrittenBy = meetings.map((m) => m.providerEventId);
    const slot = newSlotFor(profile, week, now, events, block, bookings.filter((b) => b.blockId !== booking.blockId));
    if (!slot) {
      await svc.bookings.recordOverwrite(booking.blockId, overwrittenBy);
      input.log.info({ userId: profile.userId, week, blockId: booking.blockId }, 'ledartid overwritten; no free slot to move it to');
      continue;
    }
    const requestId = randomUUID();
    // Conditional on the request we read: a concurrent or repeated defence of the same block matches nothing.
    const claimed = await svc.bookings.claimMove(booking, { requestId, start: new Date(slot.start), end: new Date(slot.end), at: now, overwrittenBy });
    if (!claimed) continue;
    await publishBookingRequest(svc, claimed, input.correlationId);
    moved++;
    input.log.info({ userId: profile.userId, week, blockId: booking.blockId, requestId }, 'overwritten ledartid moved');
  }
  return moved;
}
