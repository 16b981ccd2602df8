// The collections the notifier owns, named once: its models use these names, and its tests check nothing else exists.
export const Collections = {
  recipients: 'notifier_recipients',
  deliveries: 'notifier_deliveries',
  /** Hashed ids of erased leaders, kept for 35 days: a late message about them sends nothing. */
  erasures: 'notifier_erasures',
} as const;

export const OWN_COLLECTIONS: readonly string[] = Object.values(Collections);
