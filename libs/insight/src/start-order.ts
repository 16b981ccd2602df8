// Event indexes ordered by start, then end, then position: a stable merge sort over the parsed times, no comparator calls.

/** True when event `a` goes after event `b`: later start, or the same start and a later end. */
function after(start: readonly number[], end: readonly number[], a: number, b: number): boolean {
  return start[a]! > start[b]! || (start[a] === start[b] && end[a]! > end[b]!);
}

/**
 * Indexes 0…n-1 by (start, end); equal events keep their position (the sort is stable). Already ordered input —
 * what stores usually hand over — is detected in one pass and returned as is.
 */
export function startOrder(start: readonly number[], end: readonly number[]): number[] {
  const n = start.length;
  // Plain arrays filled in order (packed small integers): cheaper to make than typed arrays at these sizes.
  let order: number[] = [];
  let sorted = true;
  for (let i = 0; i < n; i++) {
    order.push(i);
    if (i > 0 && after(start, end, i - 1, i)) sorted = false;
  }
  if (sorted) return order;
  // Bottom-up merge sort, ping-ponging between two buffers.
  let spare = order.slice();
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      for (let k = lo; k < hi; k++) {
        // Take from the right run only when its head is strictly before the left one's: that keeps the sort stable.
        if (i < mid && (j >= hi || !after(start, end, order[i]!, order[j]!))) spare[k] = order[i++]!;
        else spare[k] = order[j++]!;
      }
    }
    const swap = order;
    order = spare;
    spare = swap;
  }
  return order;
}
