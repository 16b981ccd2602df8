// Length of a union of intervals fed in order of start, without building the union: many metrics in one pass.

/**
 * Same result as `totalLength(unionSorted(starts, ends))` for intervals added by non-decreasing start, summed in the
 * same order; empty or inverted intervals are skipped the same way.
 */
export class UnionLength {
  private runStart = 0;
  private runEnd = Number.NEGATIVE_INFINITY;
  private closed = 0;

  add(start: number, end: number): void {
    if (end <= start) return;
    if (start > this.runEnd) {
      if (this.runEnd > this.runStart) this.closed += this.runEnd - this.runStart;
      this.runStart = start;
      this.runEnd = end;
    } else if (end > this.runEnd) {
      this.runEnd = end;
    }
  }

  get total(): number {
    return this.runEnd > this.runStart ? this.closed + (this.runEnd - this.runStart) : this.closed;
  }
}
