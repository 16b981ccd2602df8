// The span of the leader's calendar kept in the copy: SYNC_WEEKS_BACK before now to SYNC_WEEKS_AHEAD after.
import type { SyncWindow } from '@ledarsteg/calendar';

const WEEK_MS = 7 * 24 * 3600_000;

export function syncWindow(now: Date, weeksBack: number, weeksAhead: number): SyncWindow {
  return { start: new Date(now.getTime() - weeksBack * WEEK_MS), end: new Date(now.getTime() + weeksAhead * WEEK_MS) };
}

/** True when [start, end) overlaps the window (a zero-length event counts when its start is inside). */
export function overlapsWindow(start: Date, end: Date, window: SyncWindow): boolean {
  return start < window.end && (end > window.start || (end.getTime() === start.getTime() && start >= window.start));
}
