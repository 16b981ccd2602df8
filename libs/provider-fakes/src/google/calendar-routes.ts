// The Calendar v3 REST surface the fake serves at /calendar/v3, behind bearer-token checks and fault switches.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CalendarState, CalendarStore } from './calendar-store.js';
import { googleErrors } from './errors.js';
import { scopesOf } from './method-scopes.js';
import type { EventPager } from './event-pages.js';
import { cancelledView, parseListParams } from './event-query.js';
import { parseEventInput } from './event-input.js';
import { instantOf, parseQueryInstant } from './event-time.js';
import { busyIntervals } from './free-busy.js';
import type { PushChannels } from './push.js';

export interface CalendarRouteDeps {
  store: CalendarStore;
  pager: EventPager;
  push: PushChannels;
  now: () => Date;
  /** The account the request's bearer token acts for (set by the auth hook). */
  accountOf: (req: FastifyRequest) => string;
  baseUrl: () => string;
}

type Params = { calendarId: string; eventId: string };
const CHANNEL_ID = /^[A-Za-z0-9\-_+/=]{1,64}$/;

export function registerCalendarRoutes(app: FastifyInstance, deps: CalendarRouteDeps): void {
  const { store, pager, push } = deps;
  /** Only the account's own primary calendar is reachable, by `primary` or by its id. */
  const calendarFor = (req: FastifyRequest): CalendarState => {
    const { calendarId } = req.params as Params;
    const account = deps.accountOf(req);
    if (calendarId !== 'primary' && calendarId !== account) throw googleErrors.notFound();
    return store.calendar(account);
  };
  // Every route names its operation, and every operation has a row in the scope table (checked here, at start-up).
  const op = (operation: string) => {
    scopesOf(operation);
    return { config: { operation } };
  };

  app.get('/calendar/v3/calendars/:calendarId', op('calendars.get'), async (req) => {
    const cal = calendarFor(req);
    return { kind: 'calendar#calendar', etag: `"${cal.epoch}"`, id: cal.id, summary: cal.summary, timeZone: cal.timeZone };
  });

  app.get('/calendar/v3/users/me/settings/timezone', op('settings.get'), async (req) => {
    const cal = store.calendar(deps.accountOf(req));
    return { kind: 'calendar#setting', etag: '"1"', id: 'timezone', value: cal.timeZone };
  });

  app.get('/calendar/v3/calendars/:calendarId/events', op('events.list'), async (req) => {
    const cal = calendarFor(req);
    return pager.list(store, cal, parseListParams(req.query as Record<string, string>), deps.now());
  });

  app.post('/calendar/v3/calendars/:calendarId/events', op('events.insert'), async (req) => {
    return store.insert(calendarFor(req).id, parseEventInput(req.body));
  });

  app.get('/calendar/v3/calendars/:calendarId/events/:eventId', op('events.get'), async (req) => {
    return store.get(calendarFor(req).id, (req.params as Params).eventId);
  });

  app.patch('/calendar/v3/calendars/:calendarId/events/:eventId', op('events.patch'), async (req) => {
    return store.modify(calendarFor(req).id, (req.params as Params).eventId, parseEventInput(req.body), 'patch');
  });

  app.put('/calendar/v3/calendars/:calendarId/events/:eventId', op('events.update'), async (req) => {
    return store.modify(calendarFor(req).id, (req.params as Params).eventId, parseEventInput(req.body), 'update');
  });

  app.delete('/calendar/v3/calendars/:calendarId/events/:eventId', op('events.delete'), async (req, reply) => {
    store.remove(calendarFor(req).id, (req.params as Params).eventId);
    return reply.code(204).send();
  });

  app.get('/calendar/v3/calendars/:calendarId/events/:eventId/instances', op('events.instances'), async (req) => {
    const cal = calendarFor(req);
    const master = cal.events.get((req.params as Params).eventId);
    if (!master?.resource.recurrence) throw googleErrors.notFound();
    if (master.resource.status === 'cancelled') throw googleErrors.deleted();
    const q = req.query as Record<string, string | undefined>;
    const timeMin = q.timeMin !== undefined ? parseQueryInstant(q.timeMin, 'timeMin') : undefined;
    const timeMax = q.timeMax !== undefined ? parseQueryInstant(q.timeMax, 'timeMax') : undefined;
    const horizon = timeMax !== undefined ? instantOf({ dateTime: new Date(timeMax).toISOString() }, 'UTC') : store.horizon();
    const items = store
      .instancesOf(cal, master, horizon)
      .filter((i) => q.showDeleted === 'true' || i.resource.status !== 'cancelled')
      .filter((i) => timeMin === undefined || instantOf(i.resource.end ?? {}, cal.timeZone).toMillis() > timeMin)
      .map((i) => (i.resource.status === 'cancelled' ? cancelledView(i.resource) : i.resource));
    return { kind: 'calendar#events', summary: cal.summary, timeZone: cal.timeZone, accessRole: 'owner', items };
  });

  app.post('/calendar/v3/calendars/:calendarId/events/watch', op('events.watch'), async (req) => {
    const cal = calendarFor(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { id, type, address, token, expiration } = body;
    if (typeof id !== 'string' || !CHANNEL_ID.test(id)) throw googleErrors.invalid('Invalid channel id.');
    if (type !== 'web_hook' && type !== 'webhook') throw googleErrors.invalid('Invalid channel type.');
    if (typeof address !== 'string' || !/^https?:\/\//.test(address) || !URL.canParse(address)) {
      throw googleErrors.invalid('Invalid channel address.');
    }
    if (token !== undefined && (typeof token !== 'string' || token.length > 256)) throw googleErrors.invalid('Invalid channel token.');
    const expirationMs = expiration === undefined ? undefined : Number(expiration);
    if (expirationMs !== undefined && !Number.isSafeInteger(expirationMs)) throw googleErrors.invalid('Invalid channel expiration.');
    const resourceUri = `${deps.baseUrl()}/calendar/v3/calendars/${encodeURIComponent(cal.id)}/events?alt=json`;
    const channel = push.open(cal.id, deps.accountOf(req), cal.resourceId, resourceUri, {
      id,
      address,
      ...(token !== undefined ? { token: token as string } : {}),
      ...(expirationMs !== undefined ? { expirationMs } : {}),
    });
    return {
      kind: 'api#channel',
      id: channel.id,
      resourceId: channel.resourceId,
      resourceUri: channel.resourceUri,
      ...(channel.token !== undefined ? { token: channel.token } : {}),
      expiration: String(channel.expirationMs),
    };
  });

  app.post('/calendar/v3/channels/stop', op('channels.stop'), async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (typeof body.id !== 'string' || typeof body.resourceId !== 'string') throw googleErrors.invalid('id and resourceId are required.');
    push.stop(body.id, body.resourceId, deps.accountOf(req));
    return reply.code(204).send();
  });

  app.post('/calendar/v3/freeBusy', op('freebusy.query'), async (req) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (typeof body.timeMin !== 'string' || typeof body.timeMax !== 'string' || !Array.isArray(body.items)) {
      throw googleErrors.invalid('timeMin, timeMax and items are required.');
    }
    const timeMin = parseQueryInstant(body.timeMin, 'timeMin');
    const timeMax = parseQueryInstant(body.timeMax, 'timeMax');
    if (timeMax <= timeMin) throw googleErrors.timeRangeEmpty();
    const account = deps.accountOf(req);
    const calendars: Record<string, unknown> = {};
    for (const item of body.items as unknown[]) {
      const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
      if (typeof id !== 'string') throw googleErrors.invalid('Each item needs an id.');
      calendars[id] =
        id === 'primary' || id === account
          ? { busy: busyIntervals(store, store.calendar(account), timeMin, timeMax) }
          : { busy: [], errors: [{ domain: 'global', reason: 'notFound' }] };
    }
    return { kind: 'calendar#freeBusy', timeMin: body.timeMin, timeMax: body.timeMax, calendars };
  });
}
