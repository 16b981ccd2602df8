// Stable hashes: the same analysed content always gives the same hash, whatever the key order.
import { createHash } from 'node:crypto';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export function contentHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(canonical(value))).digest('hex');
}

/** A message id for one leader's week and content: an identical recompute publishes under the same id. */
export function weekMessageId(userId: string, week: string, hash: string): string {
  return `week-${createHash('sha256').update(`${userId}\n${week}\n${hash}`).digest('hex').slice(0, 48)}`;
}
