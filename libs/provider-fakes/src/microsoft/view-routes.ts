// Graph /me/calendarView, /me/calendarView/delta and /me/events/{id}/instances: expanded occurrences, paging, delta
// rounds and dead tokens.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { renderInstance, type ViewOptions } from './event-view.js';
import type { DeltaTokenState, FakeContext } from './fake-context.js';
import { absoluteLink, authOf, ODataError, pageSize, viewOptions } from './graph-request.js';
import { sendGraphError } from './graph-errors.js';
import type { DeltaInvalidation, StoredEvent } from './model.js';
import { instancesOf } from './recurrence.js';

const DELTA_PATH = '/me/calendarView/delta';

/** Parses startDateTime/endDateTime; a value without an offset counts as UTC. */
function windowOf(q: Record<string, string | undefined>): { from: DateTime; to: DateTime } {
  if (!q.startDateTime || !q.endDateTime) {
    throw new ODataError(400, 'ErrorInvalidParameter', 'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.');
  }
  const from = DateTime.fromISO(q.startDateTime, { zone: 'UTC' });
  const to = DateTime.fromISO(q.endDateTime, { zone: 'UTC' });
  if (!from.isValid) throw new ODataError(400, 'ErrorInvalidParameter', "The value of parameter 'StartDateTime' is invalid.");
  if (!to.isValid) throw new ODataError(400, 'ErrorInvalidParameter', "The value of parameter 'EndDateTime' is invalid.");
  if (to <= from) throw new ODataError(400, 'ErrorInvalidParameter', 'EndDateTime must be after StartDateTime.');
  return { from, to };
}

function rows(events: StoredEvent[], from: DateTime, to: DateTime, view: ViewOptions): Record<string, unknown>[] {
  return events
    .flatMap((e) => instancesOf(e, from, to))
    .sort((a, b) => a.start.toMillis() - b.start.toMillis() || a.id.localeCompare(b.id))
    .map((i) => renderInstance(i, view));
}

/** A $skip page of rows, with a nextLink that repeats the window, as calendarView and instances page. */
function skipPage(req: FastifyRequest, path: string, q: Record<string, string | undefined>, all: Record<string, unknown>[]) {
  const skip = Number(q.$skip ?? 0);
  if (!Number.isInteger(skip) || skip < 0) throw new ODataError(400, 'BadRequest', 'Invalid $skip');
  const size = pageSize(req, 10);
  const body: Record<string, unknown> = { value: all.slice(skip, skip + size) };
  if (skip + size < all.length) {
    body['@odata.nextLink'] = absoluteLink(req, path, { startDateTime: q.startDateTime!, endDateTime: q.endDateTime!, $skip: String(skip + size) });
  }
  return body;
}

const removed = (id: string) => ({ id, '@removed': { reason: 'deleted' } });

/** Tokens carry the original window (as Graph's do) plus a random key for the server-side state. */
function newToken(state: { start: number; end: number }): string {
  return Buffer.from(JSON.stringify({ w: [state.start, state.end], k: randomBytes(12).toString('base64url') })).toString('base64url');
}

function deadToken(reply: FastifyReply, req: FastifyRequest, mode: DeltaInvalidation, now: number) {
  if (mode === 'gone') {
    reply.header('Location', absoluteLink(req, DELTA_PATH, { $deltatoken: '' }));
    return sendGraphError(reply, 410, 'SyncStateInvalid', 'The sync state is no longer valid; start a new delta round.', now);
  }
  return sendGraphError(reply, 400, mode, mode === 'resyncRequired' ? 'A full resync is required.' : 'The sync state generation was not found.', now);
}

export function registerViewRoutes(app: FastifyInstance, ctx: FakeContext): void {
  app.get('/me/calendarView', async (req) => {
    const q = req.query as Record<string, string | undefined>;
    const { from, to } = windowOf(q);
    return skipPage(req, '/me/calendarView', q, rows(ctx.events.list(authOf(req).account.id), from, to, viewOptions(req)));
  });

  // The occurrences and exceptions of one series master in the window (cancelled ones left out), as calendarView rows.
  // A single event has none. The fake has no calendar-scoped routes, so there is no /me/calendars/{id}/… form.
  app.get('/me/events/:id/instances', async (req) => {
    const q = req.query as Record<string, string | undefined>;
    const { from, to } = windowOf(q);
    const { id } = req.params as { id: string };
    const event = ctx.events.get(authOf(req).account.id, id);
    if (!event) throw new ODataError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    const all = event.type === 'seriesMaster' ? rows([event], from, to, viewOptions(req)) : [];
    return skipPage(req, `/me/events/${encodeURIComponent(id)}/instances`, q, all);
  });

  app.get(DELTA_PATH, async (req, reply) => {
    const { account } = authOf(req);
    const q = req.query as Record<string, string | undefined>;
    for (const unsupported of ['$expand', '$filter', '$select', '$orderby', '$search']) {
      if (q[unsupported] !== undefined) throw new ODataError(400, 'BadRequest', `${unsupported} is not supported on calendarView delta.`);
    }
    const quirks = ctx.deltaQuirks.get(account.id) ?? {};
    const size = Math.min(pageSize(req, ctx.options.defaultPageSize), ctx.options.maxPageSize ?? Number.POSITIVE_INFINITY);

    if (q.$skiptoken !== undefined) {
      const session = ctx.skipSessions.get(q.$skiptoken);
      if (!session || session.accountId !== account.id) return deadToken(reply, req, 'syncStateNotFound', ctx.clock.now());
      if (session.invalidated) return deadToken(reply, req, session.invalidated, ctx.clock.now());
      ctx.skipSessions.delete(q.$skiptoken);
      return servePage(req, session.items, session.offset, size, session.next);
    }

    let items: Record<string, unknown>[];
    let next: DeltaTokenState;
    const view = viewOptions(req);
    if (q.$deltatoken) {
      const state = ctx.deltaTokens.get(q.$deltatoken);
      if (!state || state.accountId !== account.id) return deadToken(reply, req, 'syncStateNotFound', ctx.clock.now());
      if (state.invalidated) return deadToken(reply, req, state.invalidated, ctx.clock.now());
      const from = DateTime.fromMillis(state.start, { zone: 'UTC' });
      const to = DateTime.fromMillis(state.end, { zone: 'UTC' });
      const changes = ctx.events.changedSince(account.id, state.seq);
      const ordered = [...changes.live.map((event) => ({ event, seq: event.seq, gone: false })), ...changes.removed.map((t) => ({ ...t, gone: true }))];
      ordered.sort((a, b) => a.seq - b.seq);
      items = ordered.flatMap(({ event, gone }) => {
        const inWindow = instancesOf(event, from, to);
        if (gone) return event.type === 'singleInstance' ? [removed(event.id)] : inWindow.map((i) => removed(i.id));
        if (event.type === 'singleInstance') return inWindow.length > 0 ? inWindow.map((i) => renderInstance(i, view)) : [removed(event.id)];
        const cancelled = [...event.cancelledOccurrences].map((key) => `${event.id}-occ-${key.replaceAll('-', '')}`);
        return [...inWindow.map((i) => renderInstance(i, view)), ...cancelled.map(removed)];
      });
      next = { accountId: account.id, start: state.start, end: state.end, seq: quirks.replay ? state.seq : ctx.events.currentSeq };
    } else {
      const { from, to } = windowOf(q);
      items = rows(ctx.events.list(account.id), from, to, view);
      next = { accountId: account.id, start: from.toMillis(), end: to.toMillis(), seq: ctx.events.currentSeq };
    }
    if (quirks.duplicateIds) items = items.flatMap((item) => [item, item]);
    return servePage(req, items, 0, size, next);
  });

  function servePage(req: FastifyRequest, items: Record<string, unknown>[], offset: number, size: number, next: DeltaTokenState) {
    // A duplicated pair must not straddle a page boundary, or the adapter could not see it as a duplicate.
    let end = Math.min(items.length, offset + size);
    if (end < items.length && end > offset + 1 && items[end - 1] === items[end]) end--;
    const body: Record<string, unknown> = { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(event)', value: items.slice(offset, end) };
    if (end < items.length) {
      const token = newToken(next);
      ctx.skipSessions.set(token, { accountId: next.accountId, items, offset: end, pageSize: size, next });
      body['@odata.nextLink'] = absoluteLink(req, DELTA_PATH, { $skiptoken: token });
    } else {
      const token = newToken(next);
      ctx.deltaTokens.set(token, next);
      body['@odata.deltaLink'] = absoluteLink(req, DELTA_PATH, { $deltatoken: token });
    }
    return body;
  }
}
