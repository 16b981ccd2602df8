// Arithmetic on sorted, disjoint sets of half-open [start, end) intervals stored flat as [s0, e0, s1, e1, …] in epoch ms.

/** A sorted, disjoint interval set: even indexes are starts, odd indexes are ends. */
export type IntervalSet = number[];

/**
 * Union of intervals given as parallel start/end arrays already sorted by start.
 * Empty or inverted intervals are skipped.
 */
export function unionSorted(starts: ArrayLike<number>, ends: ArrayLike<number>, count = starts.length): IntervalSet {
  const out: IntervalSet = [];
  let curStart = 0;
  let curEnd = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    const s = starts[i]!;
    const e = ends[i]!;
    if (e <= s) continue;
    if (s > curEnd) {
      if (curEnd > curStart) out.push(curStart, curEnd);
      curStart = s;
      curEnd = e;
    } else if (e > curEnd) {
      curEnd = e;
    }
  }
  if (curEnd > curStart) out.push(curStart, curEnd);
  return out;
}

/** Union of intervals in any order. */
export function unionOf(pairs: Array<readonly [number, number]>): IntervalSet {
  const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
  return unionSorted(
    sorted.map((p) => p[0]),
    sorted.map((p) => p[1]),
  );
}

export function mergeSets(a: IntervalSet, b: IntervalSet): IntervalSet {
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! <= b[j]!)) {
      starts.push(a[i]!);
      ends.push(a[i + 1]!);
      i += 2;
    } else {
      starts.push(b[j]!);
      ends.push(b[j + 1]!);
      j += 2;
    }
  }
  return unionSorted(starts, ends);
}

export function totalLength(set: IntervalSet): number {
  let sum = 0;
  for (let i = 0; i < set.length; i += 2) sum += set[i + 1]! - set[i]!;
  return sum;
}

export function intersectSets(a: IntervalSet, b: IntervalSet): IntervalSet {
  const out: IntervalSet = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const s = Math.max(a[i]!, b[j]!);
    const e = Math.min(a[i + 1]!, b[j + 1]!);
    if (e > s) out.push(s, e);
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return out;
}

/** a minus b. */
export function subtractSets(a: IntervalSet, b: IntervalSet): IntervalSet {
  const out: IntervalSet = [];
  let j = 0;
  for (let i = 0; i < a.length; i += 2) {
    let s = a[i]!;
    const e = a[i + 1]!;
    while (j < b.length && b[j + 1]! <= s) j += 2;
    let k = j;
    while (k < b.length && b[k]! < e) {
      if (b[k]! > s) out.push(s, b[k]!);
      s = Math.max(s, b[k + 1]!);
      if (s >= e) break;
      k += 2;
    }
    if (s < e) out.push(s, e);
  }
  return out;
}

/** Index of the first interval whose end is after `t` (binary search). */
function firstEndingAfter(set: IntervalSet, t: number): number {
  let lo = 0;
  let hi = set.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (set[mid * 2 + 1]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo * 2;
}

/** Length of [start, end) covered by the set. */
export function coveredLength(set: IntervalSet, start: number, end: number): number {
  let sum = 0;
  for (let i = firstEndingAfter(set, start); i < set.length && set[i]! < end; i += 2) {
    sum += Math.min(end, set[i + 1]!) - Math.max(start, set[i]!);
  }
  return sum;
}

export function overlapsSet(set: IntervalSet, start: number, end: number): boolean {
  const i = firstEndingAfter(set, start);
  return i < set.length && set[i]! < end && end > start;
}

/** The set cut to [start, end): what `intersectSets(set, [start, end])` gives, found by binary search. */
export function clipSet(set: IntervalSet, start: number, end: number): IntervalSet {
  const out: IntervalSet = [];
  if (!(end > start)) return out;
  for (let i = firstEndingAfter(set, start); i < set.length && set[i]! < end; i += 2) {
    const s = Math.max(set[i]!, start);
    const e = Math.min(set[i + 1]!, end);
    if (e > s) out.push(s, e);
  }
  return out;
}
