// Deterministic ledartid block ids: base32hex of a truncated sha256, so a re-run names the same block the same way.
import { createHash } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuv';
const BYTES = 15; // 120 bits: 24 base32hex characters, no padding.

export function base32hex(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** The id of the `slotIndex`-th block booked for `userId` in `week`. */
export function blockIdFor(userId: string, week: string, slotIndex: number): string {
  const digest = createHash('sha256').update(`ledartid\n${userId}\n${week}\n${slotIndex}`).digest();
  return base32hex(digest.subarray(0, BYTES));
}

/** The id of a block the leader booked themselves from a proposed slot: the same slot is one block, however often chosen. */
export function blockIdForSlot(userId: string, week: string, start: string, end: string): string {
  const digest = createHash('sha256').update(`ledartid-chosen\n${userId}\n${week}\n${Date.parse(start)}\n${Date.parse(end)}`).digest();
  return base32hex(digest.subarray(0, BYTES));
}
