// Runs one sync of a connection: applies pages of changes to the copy, reconciles full resyncs, announces what changed.
import { type CalendarProvider, type EventChange, isProviderError, type SyncWindow } from '@ledarsteg/calendar';
import { type CalendarEvent, Subjects } from '@ledarsteg/contracts';
import { IANAZone } from 'luxon';
import type { StoredConnection } from '../connections/connection-model.js';
import { announceChanges } from '../events/announce-changes.js';
import { type EventDoc, isTombstone, type StoredEvent } from '../events/event-model.js';
import type { PageWrites } from '../events/event-repository.js';
import type { SyncService } from '../service-context.js';
import { sameEvent, weeksOf } from './event-diff.js';
import { overlapsWindow, syncWindow } from './sync-window.js';

export interface SyncOutcome {
  full: boolean;
  upserted: number;
  deleted: number;
  unchanged: number;
  weeks: string[];
}

interface Pass {
  full: boolean;
  upserted: number;
  deleted: number;
  unchanged: number;
  weeks: Set<string>;
  /** Full passes only: every providerEventId the provider still has. */
  seen: Set<string>;
  /** The calendar's zone, when the provider reported it with a page. */
  timeZone?: string;
  /**
   * Set when the copy held nothing of the connection as the pass began (a first sync): then only ids this pass wrote
   * can be in it (the sync lease keeps every other writer out), and only those need looking up.
   */
  writtenIntoEmptyCopy?: Set<string>;
  /** Aborted when the process stops: the pass ends at the next page boundary or before a page's write. */
  signal?: AbortSignal;
}

const MAX_WEEKS = 520;

/**
 * Thrown between pages when `signal` is aborted (the process is stopping): the pages applied so far are stored and
 * announced, the cursor is not moved, and the redelivered request picks up from there, the comparison making repeats harmless.
 */
export class SyncInterruptedError extends Error {
  readonly code = 'SYNC_ERR_INTERRUPTED';
  constructor() {
    super('sync interrupted by shutdown; the request is redelivered');
    this.name = 'SyncInterruptedError';
  }
}

export async function syncConnection(
  svc: SyncService,
  conn: StoredConnection,
  correlationId: string,
  opts: { provider?: CalendarProvider; signal?: AbortSignal } = {},
): Promise<SyncOutcome> {
  const provider = opts.provider ?? svc.providerFor(conn);
  const signal = opts.signal;
  // Changes an interrupted run wrote but never announced go out first, before anything newer.
  await announceChanges(svc, conn, correlationId);
  const window = syncWindow(svc.now(), svc.config.SYNC_WEEKS_BACK, svc.config.SYNC_WEEKS_AHEAD);
  let pass: Pass;
  try {
    pass = await runPass(svc, conn, provider, conn.cursor, window, correlationId, signal);
  } catch (err) {
    if (!(isProviderError(err) && err.kind === 'sync_token_invalid') || conn.cursor === undefined) throw err;
    svc.log.info({ connectionId: conn.connectionId }, 'sync cursor is dead: full resync with reconciliation');
    // Never wipe first: the copy stays readable, and only what the full pass no longer sees is removed.
    await svc.connections.clearCursor(conn.connectionId);
    pass = await runPass(svc, conn, provider, undefined, window, correlationId, signal);
  }

  const now = svc.now();
  // The leader may have moved their calendar to another zone since connecting: weeks are counted in the new one from now on.
  const movedZone = pass.timeZone && pass.timeZone !== conn.timeZone ? pass.timeZone : undefined;
  if (movedZone) svc.log.info({ connectionId: conn.connectionId, from: conn.timeZone, to: movedZone }, "the calendar's zone changed");
  const done = await svc.connections.markSynced(conn.connectionId, now, movedZone);
  // Weeks of pages applied by an earlier, interrupted run are announced now, or they would never be.
  const pending = done?.pendingWeeks ?? [];
  const weeks = [...new Set([...pass.weeks, ...pending])].sort().slice(0, MAX_WEEKS);
  if (pass.upserted + pass.deleted > 0 || weeks.length > 0) {
    await svc.publish(
      Subjects.eventsSynced,
      {
        userId: conn.userId,
        connectionId: conn.connectionId,
        provider: conn.provider,
        weeks,
        counts: { upserted: pass.upserted, deleted: pass.deleted, unchanged: pass.unchanged },
        full: pass.full,
        syncedAt: now.toISOString(),
      },
      { correlationId },
    );
  }
  if (pending.length > 0) await svc.connections.clearPendingWeeks(conn.connectionId, pending);
  return { full: pass.full, upserted: pass.upserted, deleted: pass.deleted, unchanged: pass.unchanged, weeks };
}

async function runPass(
  svc: SyncService,
  conn: StoredConnection,
  provider: CalendarProvider,
  cursor: string | undefined,
  window: SyncWindow,
  correlationId: string,
  signal: AbortSignal | undefined,
): Promise<Pass> {
  const pass: Pass = { full: cursor === undefined, upserted: 0, deleted: 0, unchanged: 0, weeks: new Set(), seen: new Set() };
  if (signal) pass.signal = signal;
  if (!(await svc.events.holdsAny(conn.connectionId))) pass.writtenIntoEmptyCopy = new Set();
  let nextCursor: string | undefined;
  for await (const page of provider.sync(cursor, window)) {
    if (signal?.aborted) throw new SyncInterruptedError();
    const pageWeeks = new Set<string>();
    const written = await applyPage(svc, conn, page.changes, window, pass, pageWeeks);
    if (pageWeeks.size > 0) {
      for (const w of pageWeeks) pass.weeks.add(w);
      await svc.connections.addPendingWeeks(conn.connectionId, [...pageWeeks]);
    }
    // Each applied page goes out at once: a projection follows the sync page by page.
    await announceChanges(svc, conn, correlationId, written);
    if (page.cursor) nextCursor = page.cursor;
    if (page.timeZone && IANAZone.isValidZone(page.timeZone)) pass.timeZone = page.timeZone;
  }
  if (pass.full) {
    await reconcile(svc, conn, window, pass);
    await announceChanges(svc, conn, correlationId);
  }
  // Only after every page is applied: a crash before this replays the pages, which the comparison makes harmless.
  if (nextCursor) await svc.connections.saveCursor(conn.connectionId, nextCursor);
  return pass;
}

/** Writes a page's upserts and deletions with fresh revisions; the weeks they touch go into `weeks`. Returns what it wrote. */
async function writePage(svc: SyncService, conn: StoredConnection, page: PageWrites, weeks: Set<string>): Promise<EventDoc[]> {
  const count = page.upserts.length + page.deletes.length;
  if (count === 0) return [];
  const zone = conn.timeZone;
  for (const { event, existing } of page.upserts) {
    // A moved event changes both the week it left and the week it went to.
    if (existing && !isTombstone(existing)) for (const w of weeksOf(existing.start, existing.end, zone)) weeks.add(w);
    for (const w of weeksOf(event.start, event.end, zone)) weeks.add(w);
  }
  for (const gone of page.deletes) for (const w of weeksOf(gone.start, gone.end, zone)) weeks.add(w);
  const last = await svc.connections.allocateRevs(conn.connectionId, count);
  return svc.events.applyPage(conn.connectionId, page, last - count + 1, svc.now());
}

async function applyPage(svc: SyncService, conn: StoredConnection, changes: EventChange[], window: SyncWindow, pass: Pass, weeks: Set<string>): Promise<EventDoc[]> {
  const upserts = new Map<string, CalendarEvent>();
  const deletes = new Set<string>();
  for (const change of changes) {
    if (change.type === 'upsert') {
      const event: CalendarEvent = { ...change.event, userId: conn.userId };
      const inWindow = overlapsWindow(new Date(event.start), new Date(event.end), window);
      if (pass.full) pass.seen.add(event.providerEventId);
      // Incremental results are not bounded by the window: an event moved out of it leaves the copy.
      if (inWindow) {
        upserts.set(event.providerEventId, event);
        deletes.delete(event.providerEventId);
      } else {
        deletes.add(event.providerEventId);
        upserts.delete(event.providerEventId);
      }
    } else {
      deletes.add(change.providerEventId);
      upserts.delete(change.providerEventId);
    }
  }

  // A first sync skips reading what it knows is not there: on the embedded database an $in over a page of ids scans
  // the whole collection once per id.
  const written = pass.writtenIntoEmptyCopy;
  const lookUp = written ? [...upserts.keys()].filter((id) => written.has(id)) : [...upserts.keys()];
  const stored = await svc.events.byIds(conn.connectionId, lookUp);
  const page: PageWrites = { upserts: [], deletes: [] };
  for (const [id, event] of upserts) {
    const existing = stored.get(id);
    if (existing && !isTombstone(existing) && sameEvent(existing as StoredEvent, event)) {
      pass.unchanged++;
      continue;
    }
    page.upserts.push(existing ? { event, existing } : { event });
  }
  // A deleted series master takes its instances with it.
  if (deletes.size > 0) page.deletes = await svc.events.liveByIdsOrSeries(conn.connectionId, [...deletes]);
  // The last point to stop before writing: what is written from here on is announced too, so a stop waits for it.
  if (pass.signal?.aborted) throw new SyncInterruptedError();
  const docs = await writePage(svc, conn, page, weeks);
  if (written) for (const { event } of page.upserts) written.add(event.providerEventId);
  pass.upserted += page.upserts.length;
  pass.deleted += page.deletes.length;
  return docs;
}

/** After a full pass: what the copy holds in the window but the provider no longer has was deleted meanwhile. */
async function reconcile(svc: SyncService, conn: StoredConnection, window: SyncWindow, pass: Pass) {
  const missing = (await svc.events.liveInWindow(conn.connectionId, window)).filter((e) => !pass.seen.has(e.providerEventId));
  if (missing.length === 0) return;
  await writePage(svc, conn, { upserts: [], deletes: missing }, pass.weeks);
  pass.deleted += missing.length;
}

