// Maps contract names (streams, subjects, durables) into a test's or tenant's prefix, so runs can share one server.
import type { StreamDefinition } from '@ledarsteg/contracts';
import { InvalidPrefixError } from './errors.js';

const PREFIX = /^[A-Za-z0-9-]{1,32}$/;

/** A validated prefix, or undefined for the production names. */
export function checkPrefix(prefix: string | undefined): string | undefined {
  if (prefix === undefined || prefix === '') return undefined;
  // Dots, wildcards or spaces would change subject structure or make invalid stream names.
  if (!PREFIX.test(prefix)) throw new InvalidPrefixError(prefix);
  return prefix;
}

/** `calendar.sync.requested.v1` → `t123.calendar.sync.requested.v1`. */
export function scopedSubject(subject: string, prefix: string | undefined): string {
  return prefix ? `${prefix}.${subject}` : subject;
}

/** `CALENDAR` → `t123_CALENDAR`. */
export function scopedStreamName(name: string, prefix: string | undefined): string {
  return prefix ? `${prefix}_${name}` : name;
}

/** Durable consumer names follow the stream naming. */
export const scopedDurable = scopedStreamName;

export function scopedStream(def: StreamDefinition, prefix: string | undefined): { name: string; subjects: string[] } {
  return {
    name: scopedStreamName(def.name, prefix),
    subjects: def.subjects.map((s) => scopedSubject(s, prefix)),
  };
}
