// The collections the notifier owns, named once: its models use these names, and its tests check nothing else exists.
export const Collections = {
  recipients: 'notifier_recipients',
  deliveries: 'notifier_deliveries',
  /** Hashed ids of erased leaders, kept for 35 days: a late message about them sends nothing. */
  erasures: 'notifier_erasures',
  /** Each leader's digest settings (from the settings owner) and the next digest due. */
  subscriptions: 'notifier_digest_subscriptions',
  /** The analysed weeks the digest is built from. */
  weeks: 'notifier_weeks',
  /** Ledartid proposed for a week, for the digest's book-this links. */
  proposals: 'notifier_proposals',
  /** Ledartid blocks in the calendar, from booking outcomes. */
  ledartidBlocks: 'notifier_ledartid_blocks',
  /** Signed links already used: each link that changes something works once. */
  linkUses: 'notifier_link_uses',
} as const;

export const OWN_COLLECTIONS: readonly string[] = Object.values(Collections);
