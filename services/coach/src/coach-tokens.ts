// Maps bearer tokens to coach ids without leaking, through timing, how much of a guess was right.
import { createHash, timingSafeEqual } from 'node:crypto';
import { CoachErrors } from './errors.js';

export interface CoachTokens {
  /** The coach a presented token belongs to, or undefined. */
  identify(token: string): string | undefined;
}

function digest(value: string): Buffer {
  // Equal-length digests let timingSafeEqual compare tokens of any length.
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Parses `coachId:token,coachId:token` (already format-checked by the config schema). */
export function parseCoachTokens(value: string): CoachTokens {
  const entries: { coachId: string; digest: Buffer }[] = [];
  const seen = new Set<string>();
  for (const pair of value.split(',')) {
    const at = pair.indexOf(':');
    const coachId = pair.slice(0, at);
    const token = pair.slice(at + 1);
    if (at < 1 || token.length < 24) throw new CoachErrors.invalidTokens('each entry must be coachId:token with a token of 24+ characters');
    // One coach may hold several tokens (rotation), but one token must never name two coaches.
    if (seen.has(token)) throw new CoachErrors.invalidTokens(`a token is listed more than once (coach ${coachId})`);
    seen.add(token);
    entries.push({ coachId, digest: digest(token) });
  }
  return {
    identify(token) {
      const presented = digest(token);
      let match: string | undefined;
      // Every entry is compared, so the time taken does not depend on which one matched.
      for (const entry of entries) {
        if (timingSafeEqual(presented, entry.digest) && match === undefined) match = entry.coachId;
      }
      return match;
    },
  };
}
