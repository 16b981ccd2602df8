// The collections the notifier owns, named once: its models use these names, and its tests check nothing else exists.
export const Collections = {
  recipients: 'notifier_recipients',
  deliveries: 'notifier_deliveries',
} as const;

export const OWN_COLLECTIONS: readonly string[] = Object.values(Collections);
