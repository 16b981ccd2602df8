// An injectable clock so tests can expire tokens and channels without waiting.
export class FakeClock {
  #offsetMs = 0;
  #fixed: number | undefined;

  constructor(start?: Date) {
    if (start) this.#fixed = start.getTime();
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  nowMs(): number {
    return (this.#fixed ?? Date.now()) + this.#offsetMs;
  }

  /** Freezes the clock at `at`. */
  set(at: Date): void {
    this.#fixed = at.getTime();
    this.#offsetMs = 0;
  }

  /** Moves the clock forward (frozen or running). */
  advance(ms: number): void {
    this.#offsetMs += ms;
  }
}
