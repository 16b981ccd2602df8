// The collections the coach service owns, named once: its models use these names, and its tests check nothing else exists.
export const Collections = {
  consents: 'coach_consents',
  summaries: 'coach_week_summaries',
  /** Hashed ids of erased leaders, kept for 35 days: a late message about them grants nothing. */
  erasures: 'coach_erasures',
} as const;

export const OWN_COLLECTIONS: readonly string[] = Object.values(Collections);
