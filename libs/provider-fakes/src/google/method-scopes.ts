// Which OAuth scopes each Calendar v3 method the fake serves accepts: the one table the fake enforces.
//
// Source of every row: the `scopes:` list in that method's sample in `@googleapis/calendar` 16.0.0
// (`build/v3.d.ts`, generated from Google's discovery document), which is the "Authorization" section of the
// method's reference page, https://developers.google.com/workspace/calendar/api/v3/reference/<resource>/<method>.
// A token holding none of a method's scopes gets 403 `insufficientPermissions` (errors.ts).

const AUTH = 'https://www.googleapis.com/auth/';
const s = (...names: string[]) => Object.freeze(names.map((n) => `${AUTH}${n}`));

export interface MethodScopes {
  /** Any one of these suffices. */
  scopes: readonly string[];
  /** Where the list comes from. */
  source: string;
}

const ref = (path: string) => `@googleapis/calendar build/v3.d.ts (Resource$${path} sample); developers.google.com/workspace/calendar/api/v3/reference/${path.toLowerCase().replace('$', '/')}`;

export const METHOD_SCOPES: Readonly<Record<string, MethodScopes>> = {
  'calendars.get': {
    scopes: s('calendar', 'calendar.app.created', 'calendar.calendars', 'calendar.calendars.readonly', 'calendar.readonly'),
    source: ref('Calendars$get'),
  },
  'settings.get': {
    scopes: s('calendar', 'calendar.readonly', 'calendar.settings.readonly'),
    source: ref('Settings$get'),
  },
  'events.list': {
    scopes: s(
      'calendar',
      'calendar.app.created',
      'calendar.events',
      'calendar.events.freebusy',
      'calendar.events.owned',
      'calendar.events.owned.readonly',
      'calendar.events.public.readonly',
      'calendar.events.readonly',
      'calendar.readonly',
    ),
    source: ref('Events$list'),
  },
  'events.get': {
    scopes: s(
      'calendar',
      'calendar.app.created',
      'calendar.events',
      'calendar.events.freebusy',
      'calendar.events.owned',
      'calendar.events.owned.readonly',
      'calendar.events.public.readonly',
      'calendar.events.readonly',
      'calendar.readonly',
    ),
    source: ref('Events$get'),
  },
  'events.instances': {
    scopes: s(
      'calendar',
      'calendar.app.created',
      'calendar.events',
      'calendar.events.freebusy',
      'calendar.events.owned',
      'calendar.events.owned.readonly',
      'calendar.events.public.readonly',
      'calendar.events.readonly',
      'calendar.readonly',
    ),
    source: ref('Events$instances'),
  },
  'events.watch': {
    scopes: s(
      'calendar',
      'calendar.app.created',
      'calendar.events',
      'calendar.events.freebusy',
      'calendar.events.owned',
      'calendar.events.owned.readonly',
      'calendar.events.public.readonly',
      'calendar.events.readonly',
      'calendar.readonly',
    ),
    source: ref('Events$watch'),
  },
  'events.insert': { scopes: s('calendar', 'calendar.app.created', 'calendar.events', 'calendar.events.owned'), source: ref('Events$insert') },
  'events.patch': { scopes: s('calendar', 'calendar.app.created', 'calendar.events', 'calendar.events.owned'), source: ref('Events$patch') },
  'events.update': { scopes: s('calendar', 'calendar.app.created', 'calendar.events', 'calendar.events.owned'), source: ref('Events$update') },
  'events.delete': { scopes: s('calendar', 'calendar.app.created', 'calendar.events', 'calendar.events.owned'), source: ref('Events$delete') },
  'channels.stop': {
    scopes: s(
      'calendar',
      'calendar.acls',
      'calendar.acls.readonly',
      'calendar.app.created',
      'calendar.calendarlist',
      'calendar.calendarlist.readonly',
      'calendar.events',
      'calendar.events.freebusy',
      'calendar.events.owned',
      'calendar.events.owned.readonly',
      'calendar.events.public.readonly',
      'calendar.events.readonly',
      'calendar.readonly',
      'calendar.settings.readonly',
    ),
    source: ref('Channels$stop'),
  },
  'freebusy.query': {
    scopes: s('calendar', 'calendar.events.freebusy', 'calendar.freebusy', 'calendar.readonly'),
    source: ref('Freebusy$query'),
  },
};

/** The row of a served operation; a route without one is a bug in the fake, caught when the route is registered. */
export function scopesOf(operation: string): MethodScopes {
  const row = METHOD_SCOPES[operation];
  if (!row) throw new Error(`google fake: no scope row for ${operation}`);
  return row;
}
