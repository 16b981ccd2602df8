// A leader's profile validated once and frozen, so the analyses of all their weeks need not check it again.
import type { UserProfile } from '@ledarsteg/contracts';
import { validateProfile } from './input-validation.js';

/** Profiles made by `prepareProfile`: deeply frozen copies, so what was checked is what is used. */
const prepared = new WeakSet<object>();

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * Validates `profile` against the contracts (throws InsightInputError) and returns a deeply frozen copy that
 * analyseWeek and proposeLedartid accept without checking it again. Changing the original afterwards changes
 * nothing in the copy; the copy itself cannot be changed.
 */
export function prepareProfile(profile: unknown): UserProfile {
  const copy = deepFreeze(structuredClone(validateProfile(profile)));
  prepared.add(copy);
  return copy;
}

/** The profile of an analysis input: trusted when made by `prepareProfile`, validated here otherwise. */
export function profileInput(profile: UserProfile): UserProfile {
  return prepared.has(profile) ? profile : validateProfile(profile);
}
