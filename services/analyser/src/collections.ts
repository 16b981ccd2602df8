// The collections the analyser owns, named once: its models use these names, and its tests check nothing else exists.
export const Collections = {
  profiles: 'user_profiles',
  calendar: 'analyser_calendar_events',
  projectionState: 'analyser_projection_state',
  analyses: 'week_analyses',
  proposals: 'week_proposals',
  bookings: 'ledartid_bookings',
  connections: 'analyser_connections',
  recompute: 'analysis_recompute_queue',
  weeklyRuns: 'analyser_weekly_bookings',
  /** Hashed ids of erased leaders and connections, kept for 35 days: a late message about them changes nothing. */
  erasures: 'analyser_erasures',
  /** Digest preference requests applied (from the digest's links): each applied once. */
  digestRequests: 'analyser_digest_requests',
} as const;

export const OWN_COLLECTIONS: readonly string[] = Object.values(Collections);
