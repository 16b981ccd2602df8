// The collections calendar-sync owns, named once: its models use these names, and its tests check nothing else exists.
export const Collections = {
  connections: 'connections',
  events: 'calendar_events',
  pauses: 'provider_pauses',
  bookings: 'calendar_sync_bookings',
} as const;

export const OWN_COLLECTIONS: readonly string[] = Object.values(Collections);
