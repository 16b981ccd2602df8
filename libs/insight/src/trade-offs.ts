// "Välja bort för att välja till": for each missing block, the cheapest set of flagged meetings whose removal opens one.
import type { FlagAction, FlagReason } from '@ledarsteg/contracts';
import { MS_PER_MINUTE } from './instant.js';
import { type IntervalSet, coveredLength, mergeSets, overlapsSet } from './interval-set.js';
import type { MeetingFlagWithTimes } from './meeting-flags.js';
import { freesWholeMeeting } from './rules/flag-rules.js';
import { LARGE_MEETING_MIN_PEOPLE } from './rules/metric-rules.js';
import { BUFFER_MS, alignUp, withBuffer } from './slot-placement.js';
import type { WorkingWeek } from './working-week.js';

export type TradeOffDropPlan = { providerEventId: string; action: FlagAction; minutesFreed: number; reason: FlagReason };
export type TradeOffPlan = { start: number; end: number; dayIndex: number; drop: TradeOffDropPlan[] };

type Challengeable = {
  flagged: MeetingFlagWithTimes;
  start: number;
  end: number;
  shortenedEnd: number | undefined;
  /** What a minute of this meeting costs to give up (see `dropWeight`). */
  weight: number;
};

/**
 * Share of a minute's cost when this meeting is the one given up: large, passive, recurring and agenda-less time goes
 * first, so among drops that open a block the search picks those. Time with one's own people never gets here.
 */
export const DROP_WEIGHT = { large: 0.2, passive: 0.2, recurring: 0.15, noAgenda: 0.15 } as const;

function dropWeight(f: MeetingFlagWithTimes): number {
  const e = f.event;
  let weight = 1;
  if (e.attendeeCount >= LARGE_MEETING_MIN_PEOPLE) weight -= DROP_WEIGHT.large;
  if (!e.organizerIsSelf && (e.selfOptional || e.selfResponse === 'tentative')) weight -= DROP_WEIGHT.passive;
  if (e.seriesId !== undefined) weight -= DROP_WEIGHT.recurring;
  if (!e.hasDescription) weight -= DROP_WEIGHT.noAgenda;
  return weight;
}

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
 * must go. A meeting flagged only to ask for an agenda, to move or the like is still challengeable: letting it go is
 * the trade-off — declined by an attendee, cancelled by its organiser (never "declined" by them).
 */
function dropFor(c: Challengeable, windowStart: number): TradeOffDropPlan {
  const { flag } = c.flagged;
  if (c.shortenedEnd !== undefined && c.shortenedEnd <= windowStart) {
    return { providerEventId: flag.providerEventId, action: 'shorten', minutesFreed: 0, reason: c.flagged.primaryReason };
  }
  const keepsAction = freesWholeMeeting(flag.action) || flag.action === 'make_less_frequent';
  const wholeAction: FlagAction = keepsAction ? flag.action : c.flagged.event.organizerIsSelf ? 'cancel' : 'decline';
  return { providerEventId: flag.providerEventId, action: wholeAction, minutesFreed: 0, reason: c.flagged.primaryReason };
}

/** The stretch of the meeting that `dropFor(c, windowStart)` gives back. */
function freedStretch(c: Challengeable, windowStart: number): readonly [number, number] {
  if (c.shortenedEnd !== undefined && c.shortenedEnd <= windowStart) return [c.shortenedEnd, c.end];
  return [c.start, c.end];
}

/** What giving up `c` for a window starting at `windowStart` costs: the minutes `freedStretch` gives, weighted. */
function dropCost(c: Challengeable, windowStart: number): number {
  const from = c.shortenedEnd !== undefined && c.shortenedEnd <= windowStart ? c.shortenedEnd : c.start;
  return ((c.end - from) / MS_PER_MINUTE) * c.weight;
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
      weight: dropWeight(f),
    }));
  // Time already given back by an earlier drop: a later drop over the same minutes frees only the rest.
  let given: IntervalSet = [];
  const usedDays = new Set(search.busyDays);
  const plans: TradeOffPlan[] = [];
  const earliest = alignUp(search.now);
  for (let round = 0; round < missing; round++) {
    let best: { plan: TradeOffPlan; tier: number; cost: number; chosen: Challengeable[]; windowStart: number } | undefined;
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
              total += dropCost(candidate, windowStart);
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
          const chosen = inSegment.filter((c) => c.end > windowStart && c.start < windowEnd);
          const drop = chosen.map((c) => dropFor(c, windowStart));
          best = { plan: { start, end, dayIndex: d, drop }, tier, cost: total, chosen, windowStart };
        }
      }
    }
    if (best === undefined) break;
    const chosen = best.plan;
    // Minutes freed, each counted once: overlapping drops share their overlap, and earlier plans' drops are not repaid.
    for (let k = 0; k < chosen.drop.length; k++) {
      const [from, to] = freedStretch(best.chosen[k]!, best.windowStart);
      const ms = to - from - coveredLength(given, from, to);
      chosen.drop[k]!.minutesFreed = Math.round((ms / MS_PER_MINUTE) * 100) / 100;
      given = mergeSets(given, [from, to]);
    }
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
