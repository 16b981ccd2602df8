// Time with the leader's own people — 1:1s, development talks, onboarding — which Tuff Omsorg protects rather than challenges.
import type { CalendarEvent } from '@ledarsteg/contracts';
import { ONE_TO_ONE_ATTENDEES } from './rules/metric-rules.js';

/**
 * Titles that name time with one's own people, Swedish and English. Matched on word starts, so
 * "Utvecklingssamtal Anna" and "1:1 Erik/Sara" match but "Budget 1:10" does not.
 */
const PEOPLE_TIME_TITLE =
  /(^|[^\p{L}\p{N}])(1\s*[:/-]\s*1(?!\d)|one[\s-]on[\s-]one|one[\s-]to[\s-]one|121(?!\d)|utvecklingssamtal|medarbetarsamtal|lönesamtal|lonesamtal|enskilt samtal|enskilda samtal|personalsamtal|uppföljningssamtal|avstämning med|development (talk|conversation|review)|career (talk|conversation)|performance (review|conversation)|onboarding|introduktion|inskolning|välkomstsamtal|mentor|coaching|check-in with)/iu;

/** A 1:1 (exactly two people) or a meeting whose title names a people conversation. */
export function isPeopleTime(e: CalendarEvent): boolean {
  if (e.attendeeCount === ONE_TO_ONE_ATTENDEES) return true;
  return e.hasTitle && e.title !== undefined && PEOPLE_TIME_TITLE.test(e.title);
}
