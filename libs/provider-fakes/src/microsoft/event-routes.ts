// Graph /me, /me/mailboxSettings and /me/events (list with the extended-property filter, create, get, patch, delete).
// Permissions are checked before any of these run (graph-permissions.ts).
import type { FastifyInstance } from 'fastify';
import { EventInputError, parseEventInput } from './event-input.js';
import { NotFoundError } from './event-store.js';
import { renderEvent } from './event-view.js';
import type { FakeContext } from './fake-context.js';
import { absoluteLink, authOf, expandedProperties, extendedPropertyFilter, normalizePropertyId, ODataError, pageSize, viewOptions } from './graph-request.js';

function asInputError(err: unknown): never {
  if (err instanceof EventInputError) throw new ODataError(400, 'ErrorInvalidRequest', err.message);
  if (err instanceof NotFoundError) throw new ODataError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  throw err;
}

export function registerEventRoutes(app: FastifyInstance, ctx: FakeContext): void {
  app.get('/me', async (req) => {
    const { account } = authOf(req);
    return {
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users/$entity',
      businessPhones: [],
      displayName: account.displayName,
      givenName: account.displayName.split(' ')[0] ?? null,
      surname: account.displayName.split(' ').slice(1).join(' ') || null,
      jobTitle: null,
      mail: account.mail,
      mobilePhone: null,
      officeLocation: null,
      preferredLanguage: 'sv-SE',
      userPrincipalName: account.userPrincipalName,
      id: account.id,
    };
  });

  app.get('/me/mailboxSettings', async (req) => {
    const { account } = authOf(req);
    const hours = account.workingHours;
    const time = (t: string) => `${t.length === 5 ? `${t}:00` : t}.0000000`;
    return {
      '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#users('${account.id}')/mailboxSettings`,
      archiveFolder: 'AAMkArchive',
      timeZone: account.timeZone,
      dateFormat: 'yyyy-MM-dd',
      timeFormat: 'HH:mm',
      language: { locale: 'sv-SE', displayName: 'svenska (Sverige)' },
      workingHours: {
        daysOfWeek: hours.daysOfWeek,
        startTime: time(hours.startTime),
        endTime: time(hours.endTime),
        timeZone: { name: hours.timeZone },
      },
    };
  });

  app.get('/me/events', async (req) => {
    const { account } = authOf(req);
    const q = req.query as Record<string, string | undefined>;
    const filter = extendedPropertyFilter(q.$filter);
    const view = viewOptions(req, expandedProperties(q.$expand));
    let events = ctx.events.list(account.id);
    if (filter) {
      events = events.filter((e) =>
        e.singleValueExtendedProperties.some((p) => normalizePropertyId(p.id) === filter.id && p.value.toLowerCase() === filter.value.toLowerCase()),
      );
    }
    events.sort((a, b) => a.createdDateTime.localeCompare(b.createdDateTime));
    const skip = Number(q.$skip ?? 0);
    const top = q.$top !== undefined ? Number(q.$top) : pageSize(req, 10);
    if (!Number.isInteger(skip) || skip < 0 || !Number.isInteger(top) || top < 1) throw new ODataError(400, 'BadRequest', 'Invalid $skip or $top');
    const page = events.slice(skip, skip + top);
    const body: Record<string, unknown> = { value: page.map((e) => renderEvent(e, view)) };
    if (skip + top < events.length) {
      const params: Record<string, string> = { ...(q as Record<string, string>), $skip: String(skip + top), $top: String(top) };
      body['@odata.nextLink'] = absoluteLink(req, '/me/events', params);
    }
    return body;
  });

  app.post('/me/events', async (req, reply) => {
    const { account } = authOf(req);
    try {
      const event = ctx.events.create(account, parseEventInput(req.body), false);
      return reply.code(201).send(renderEvent(event, viewOptions(req, event.singleValueExtendedProperties.map((p) => p.id))));
    } catch (err) {
      return asInputError(err);
    }
  });

  app.get('/me/events/:id', async (req) => {
    const { account } = authOf(req);
    const { id } = req.params as { id: string };
    const q = req.query as Record<string, string | undefined>;
    const event = ctx.events.get(account.id, id);
    if (!event) throw new ODataError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    return renderEvent(event, viewOptions(req, expandedProperties(q.$expand)));
  });

  app.patch('/me/events/:id', async (req) => {
    const { account } = authOf(req);
    const { id } = req.params as { id: string };
    try {
      const event = ctx.events.update(account.id, id, parseEventInput(req.body), false);
      return renderEvent(event, viewOptions(req));
    } catch (err) {
      return asInputError(err);
    }
  });

  app.delete('/me/events/:id', async (req, reply) => {
    const { account } = authOf(req);
    try {
      ctx.events.delete(account.id, (req.params as { id: string }).id);
      return reply.code(204).send();
    } catch (err) {
      return asInputError(err);
    }
  });
}
