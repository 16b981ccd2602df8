// Finds free ledartid slots: inside working hours minus lunch, clear of busy time plus buffer, after `now`, spread over days.
import type { LedartidGoal } from '@ledarsteg/contracts';
import { type IntervalSet, clipSet, mergeSets, subtractSets } from './interval-set.js';
import { BUFFER_MS, type Placement, alignUp, placeInGap, withBuffer } from './slot-placement.js';
import type { WorkingWeek } from './working-week.js';

export type FoundSlot = { start: number; end: number; dayIndex: number };

export type SlotSearch = {
  work: WorkingWeek;
  /** Busy time (without buffer) that a slot may not touch. */
  busy: IntervalSet;
  now: number;
  lengthMs: number;
  preferredTime: LedartidGoal['preferredTime'];
  /** Days (0 = Monday) that already hold a ledartid block: used only after every other day. */
  daysWithLedartid: ReadonlySet<number>;
};

type Candidate = Placement & { dayIndex: number; gapLength: number; tier: number };

/** Lower is better: preference match, then the larger gap (least fragmenting), then earlier. */
function better(a: Candidate, b: Candidate): boolean {
  if (a.tier !== b.tier) return a.tier < b.tier;
  if (a.preferred !== b.preferred) return a.preferred;
  if (a.gapLength !== b.gapLength) return a.gapLength > b.gapLength;
  return a.start < b.start;
}

/** The free, buffered, not-yet-past gaps of one day's working time. */
export function freeGapsOfDay(work: WorkingWeek, dayIndex: number, bufferedBusy: IntervalSet, now: number): IntervalSet {
  const day = work.days[dayIndex]!;
  const earliest = alignUp(now);
  const window = day.workNoLunch;
  if (window.length === 0 || day.end <= earliest) return [];
  const free = subtractSets(window, clipSet(bufferedBusy, day.start - BUFFER_MS, day.end + BUFFER_MS));
  return earliest > day.start ? clipSet(free, earliest, day.end) : free;
}

/**
 * Greedy, one block at a time: each round takes the best placement among the days of the lowest tier
 * (0 = no ledartid yet, 1 = an existing block, 2 = a block proposed in this run). Spreading over days wins
 * over preferences; within a tier the preferred time, then the largest gap, then the earliest start wins.
 */
export function findSlots(search: SlotSearch, count: number): FoundSlot[] {
  const slots: FoundSlot[] = [];
  const usedDays = new Set<number>();
  const days = search.work.days;
  let buffered = withBuffer(search.busy);
  // Each day's free gaps, found when first needed and found again only for the days a new block touches.
  const gapsOfDay: Array<IntervalSet | undefined> = new Array(days.length).fill(undefined);
  for (let round = 0; round < count; round++) {
    let best: Candidate | undefined;
    for (let d = 0; d < days.length; d++) {
      const tier = usedDays.has(d) ? 2 : search.daysWithLedartid.has(d) ? 1 : 0;
      if (best !== undefined && tier > best.tier) continue;
      let gaps = gapsOfDay[d];
      if (gaps === undefined) {
        gaps = freeGapsOfDay(search.work, d, buffered, search.now);
        gapsOfDay[d] = gaps;
      }
      const noon = days[d]!.noon;
      for (let g = 0; g < gaps.length; g += 2) {
        const placement = placeInGap(gaps[g]!, gaps[g + 1]!, search.lengthMs, noon, search.preferredTime);
        if (placement === undefined) continue;
        // Spelled out rather than `{ ...placement }`: object spread here made the slot search 20× slower on Node 20.
        const candidate: Candidate = {
          start: placement.start,
          end: placement.end,
          preferred: placement.preferred,
          dayIndex: d,
          gapLength: gaps[g + 1]! - gaps[g]!,
          tier,
        };
        if (best === undefined || better(candidate, best)) best = candidate;
      }
    }
    if (best === undefined) break;
    slots.push({ start: best.start, end: best.end, dayIndex: best.dayIndex });
    usedDays.add(best.dayIndex);
    // A new block is busy time too: the next one keeps the buffer from it. Only days whose working time the
    // buffered block reaches can lose free time (working time lies inside the day).
    const blockedFrom = best.start - BUFFER_MS;
    const blockedTo = best.end + BUFFER_MS;
    buffered = mergeSets(buffered, [blockedFrom, blockedTo]);
    for (let d = 0; d < days.length; d++) if (days[d]!.start < blockedTo && days[d]!.end > blockedFrom) gapsOfDay[d] = undefined;
  }
  return slots.sort((a, b) => a.start - b.start);
}
