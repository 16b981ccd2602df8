// Where a ledartid block of a given length fits inside one free gap, honouring alignment and the preferred time of day.
import type { LedartidGoal } from '@ledarsteg/contracts';
import { MS_PER_MINUTE } from './instant.js';
import type { IntervalSet } from './interval-set.js';
import { LEDARTID_BUSY_BUFFER_MINUTES, SLOT_ALIGNMENT_MINUTES } from './rules/slot-rules.js';

export const BUFFER_MS = LEDARTID_BUSY_BUFFER_MINUTES * MS_PER_MINUTE;
const ALIGN_MS = SLOT_ALIGNMENT_MINUTES * MS_PER_MINUTE;

export function alignUp(ms: number): number {
  return Math.ceil(ms / ALIGN_MS) * ALIGN_MS;
}

/** Busy time grown by the buffer on both sides, so anything placed outside it keeps its distance. */
export function withBuffer(busy: IntervalSet): IntervalSet {
  const out: IntervalSet = [];
  for (let i = 0; i < busy.length; i += 2) {
    const s = busy[i]! - BUFFER_MS;
    const e = busy[i + 1]! + BUFFER_MS;
    if (out.length > 0 && s <= out[out.length - 1]!) {
      if (e > out[out.length - 1]!) out[out.length - 1] = e;
    } else out.push(s, e);
  }
  return out;
}

export type Placement = { start: number; end: number; preferred: boolean };

/**
 * Earliest aligned start in [gapStart, gapEnd) — at the gap's start, which leaves the rest of the gap whole —
 * moved to noon when the leader prefers afternoons. `preferred` says whether the placement matches the wish.
 */
export function placeInGap(
  gapStart: number,
  gapEnd: number,
  lengthMs: number,
  noon: number,
  preferredTime: LedartidGoal['preferredTime'],
): Placement | undefined {
  const earliest = alignUp(gapStart);
  if (earliest + lengthMs > gapEnd) return undefined;
  if (preferredTime === 'afternoon') {
    const afternoon = alignUp(Math.max(gapStart, noon));
    if (afternoon + lengthMs <= gapEnd) return { start: afternoon, end: afternoon + lengthMs, preferred: true };
    return { start: earliest, end: earliest + lengthMs, preferred: false };
  }
  const preferred = preferredTime === 'any' || earliest < noon;
  return { start: earliest, end: earliest + lengthMs, preferred };
}
