// Constant-time secret comparison for webhook tokens and the admin bearer token.
import { createHash, timingSafeEqual } from 'node:crypto';

/** Hashing first makes both sides the same length, so neither the content nor the length leaks through timing. */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
