// The fake's injectable clock: token expiry, timestamps and subscription lifetimes all read it.
export interface FakeClock {
  now(): number;
  set(at: Date | number): void;
  advance(ms: number): void;
}

/** Follows the real clock plus an offset until `set` pins it; tests move time without waiting. */
export function createFakeClock(start?: Date): FakeClock {
  let pinned: number | undefined = start?.getTime();
  let offset = 0;
  return {
    now: () => (pinned ?? Date.now()) + offset,
    set(at) {
      pinned = typeof at === 'number' ? at : at.getTime();
      offset = 0;
    },
    advance(ms) {
      offset += ms;
    },
  };
}
