// "Välja bort för att välja till": for each missing block, the cheapest set of flagged meetings whose removal opens one.
import type { FlagAction, FlagReason } from '@ledarsteg/contracts';
import { MS_PER_MINUTE } from './instant.js';
import { type IntervalSet, mergeSets, overlapsSet } from './interval-set.js';
import type { MeetingFlagWithTimes } from './meeting-flags.js';
import { BUFFER_MS, alignUp, withBuffer } from './slot-placement.js';
import type { WorkingWeek } from './working-week.js';

export type TradeOffDropPlan = { providerEventId: string; action: FlagAction; minutesFreed: number; reason: FlagReason };
export type TradeOffPlan = { start: number; end: number; dayIndex: number; drop: TradeOffDropPlan[] };

type Challengeable = { flagged: MeetingFlagWithTimes; start: number; end: number; shortenedEnd: number | undefined };

export type TradeOffSearch = {
  work: WorkingWeek;
  /** Busy time that cannot be challenged (everything but the flagged meetings), without buffer. */
  fixedBusy: IntervalSet;
  flagged: MeetingFlagWithTimes[];
  now: number;
  lengthMs: number;
  /** Days already holding ledartid (existing or proposed): used only when no other day can pay for a block. */
  busyDays: ReadonlySet<number>;
};

/**
 * Dropping a meeting frees all of it; a meeting flagged "shorten" frees its tail when that is enough, otherwise it
 * must be declined. A meeting flagged only "ask for an agenda" is still challengeable: declining it is the trade-off.
 */
function dropFor(c: Challengeable, windowStart: number): TradeOffDropPlan {
  const { flag } = c.flagged;
  const minutes = (c.end - c.start) / MS_PER_MINUTE;
  if (c.shortenedEnd !== undefined && c.shortenedEnd <= windowStart) {
    return { providerEventId: flag.providerEventId, action: 'shorten', minutesFreed: flag.minutesBack, reason: c.flagged.primaryReason };
  }
  const wholeAction: FlagAction = flag.action === 'shorten' || flag.action === 'ask_for_agenda' ? 'decline' : flag.action;
  return { providerEventId: flag.providerEventId, action: wholeAction, minutesFreed: minutes, reason: c.flagged.primaryReason };
}

/** What `dropFor(c, windowStart).minutesFreed` is, without building the plan. */
function freedMinutes(c: Challengeable, windowStart: number): number {
  if (c.shortenedEnd !== undefined && c.shortenedEnd <= windowStart) return c.flagged.flag.minutesBack;
  return (c.end - c.start) / MS_PER_MINUTE;
}

export function planTradeOffs(search: TradeOffSearch, missing: number): TradeOffPlan[] {
  let fixed = withBuffer(search.fixedBusy);
  let open: Challengeable[] = search.flagged
    .filter((f) => f.end > f.start)
    .map((f) => ({
      flagged: f,
      start: f.start,
      end: f.end,
      shortenedEnd: f.flag.action === 'shorten' ? f.start + f.flag.suggestion.toMinutes * MS_PER_MINUTE : undefined,
    }));
  const usedDays = new Set(search.busyDays);
  const plans: TradeOffPlan[] = [];
  const earliest = alignUp(search.now);
  for (let round = 0; round < missing; round++) {
    let best: { plan: TradeOffPlan; tier: number; cost: number } | undefined;
    for (let d = 0; d < search.work.days.length; d++) {
      const day = search.work.days[d]!;
      const tier = usedDays.has(d) ? 1 : 0;
      if (best !== undefined && tier > best.tier) continue;
      for (let w = 0; w < day.workNoLunch.length; w += 2) {
        const segStart = Math.max(day.workNoLunch[w]!, earliest);
        const segEnd = day.workNoLunch[w + 1]!;
        if (segStart + search.lengthMs > segEnd) continue;
        const inSegment = open.filter((c) => c.end + BUFFER_MS > segStart && c.start - BUFFER_MS < segEnd);
        if (inSegment.length === 0) continue;
        // A block can only start at the segment's start or right after something it has to keep clear of.
        const starts = new Set<number>([alignUp(segStart)]);
        for (const c of inSegment) {
          starts.add(alignUp(c.end + BUFFER_MS));
          starts.add(alignUp(c.start - BUFFER_MS - search.lengthMs));
          if (c.shortenedEnd !== undefined) starts.add(alignUp(c.shortenedEnd + BUFFER_MS));
        }
        for (let i = 0; i < fixed.length; i += 2) {
          if (fixed[i + 1]! > segStart && fixed[i + 1]! < segEnd) starts.add(alignUp(fixed[i + 1]!));
        }
        for (const start of starts) {
          const end = start + search.lengthMs;
          if (start < segStart || end > segEnd || overlapsSet(fixed, start, end)) continue;
          const windowStart = start - BUFFER_MS;
          const windowEnd = end + BUFFER_MS;
          // Cost and count first (summed in the same order as the plan's), the plan itself only when it wins.
          let total = 0;
          let count = 0;
          for (let c = 0; c < inSegment.length; c++) {
            const candidate = inSegment[c]!;
            if (candidate.end > windowStart && candidate.start < windowEnd) {
              total += freedMinutes(candidate, windowStart);
              count++;
            }
          }
          if (count === 0) continue;
          const better =
            best === undefined ||
            tier < best.tier ||
            (tier === best.tier &&
              (total < best.cost ||
                (total === best.cost &&
                  (count < best.plan.drop.length || (count === best.plan.drop.length && start < best.plan.start)))));
          if (!better) continue;
          const drop = inSegment
            .filter((c) => c.end > windowStart && c.start < windowEnd)
            .map((c) => dropFor(c, windowStart));
          best = { plan: { start, end, dayIndex: d, drop }, tier, cost: total };
        }
      }
    }
    if (best === undefined) break;
    const chosen = best.plan;
    plans.push(chosen);
    usedDays.add(chosen.dayIndex);
    const dropped = new Set(chosen.drop.map((x) => x.providerEventId));
    // What is dropped is gone; what is shortened keeps its head as fixed busy time.
    for (const c of open) {
      const plan = chosen.drop.find((x) => x.providerEventId === c.flagged.flag.providerEventId);
      if (plan?.action === 'shorten' && c.shortenedEnd !== undefined) fixed = mergeSets(fixed, withBuffer([c.start, c.shortenedEnd]));
    }
    open = open.filter((c) => !dropped.has(c.flagged.flag.providerEventId));
    fixed = mergeSets(fixed, withBuffer([chosen.start, chosen.end]));
  }
  return plans;
}
