// Runs one sync of a connection: applies pages of changes to the copy, reconciles full resyncs, announces changed weeks.
import { type CalendarProvider, type EventChange, isProviderError, type SyncWindow } from '@ledarsteg/calendar';
import { type CalendarEvent, Subjects } from '@ledarsteg/contracts';
import { type StoredEvent, toStoredEvent } from '@ledarsteg/store';
import { IANAZone } from 'luxon';
import type { AnyBulkWriteOperation } from 'mongoose';
import type { StoredConnection } from '../connections/connection-model.js';
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
}

const MAX_WEEKS = 520;

export async function syncConnection(svc: SyncService, conn: StoredConnection, correlationId: string, provider = svc.providerFor(conn)): Promise<SyncOutcome> {
  const window = syncWindow(svc.now(), svc.config.SYNC_WEEKS_BACK, svc.config.SYNC_WEEKS_AHEAD);
  let pass: Pass;
  try {
    pass = await runPass(svc, conn, provider, conn.cursor, window);
  } catch (err) {
    if (!(isProviderError(err) && err.kind === 'sync_token_invalid') || conn.cursor === undefined) throw err;
    svc.log.info({ connectionId: conn.connectionId }, 'sync cursor is dead: full resync with reconciliation');
    // Never wipe first: the copy stays readable, and only what the full pass no longer sees is removed.
    await svc.connections.updateOne({ connectionId: conn.connectionId }, { $unset: { cursor: 1 } }).exec();
    pass = await runPass(svc, conn, provider, undefined, window);
  }

  const now = svc.now();
  const set: Partial<StoredConnection> = { lastSyncedAt: now, updatedAt: now };
  // The leader may have moved their calendar to another zone since connecting: weeks are counted in the new one from now on.
  if (pass.timeZone && pass.timeZone !== conn.timeZone) {
    svc.log.info({ connectionId: conn.connectionId, from: conn.timeZone, to: pass.timeZone }, "the calendar's zone changed");
    set.timeZone = pass.timeZone;
  }
  const done = await svc.connections
    .findOneAndUpdate({ connectionId: conn.connectionId }, { $set: set, $unset: { notBefore: 1 } }, { new: true })
    .lean<StoredConnection>()
    .exec();
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
  if (pending.length > 0) await svc.connections.updateOne({ connectionId: conn.connectionId }, { $pullAll: { pendingWeeks: pending } }).exec();
  return { full: pass.full, upserted: pass.upserted, deleted: pass.deleted, unchanged: pass.unchanged, weeks };
}

async function runPass(svc: SyncService, conn: StoredConnection, provider: CalendarProvider, cursor: string | undefined, window: SyncWindow): Promise<Pass> {
  const pass: Pass = { full: cursor === undefined, upserted: 0, deleted: 0, unchanged: 0, weeks: new Set(), seen: new Set() };
  let nextCursor: string | undefined;
  for await (const page of provider.sync(cursor, window)) {
    const before = pass.weeks.size;
    const pageWeeks = new Set<string>();
    await applyPage(svc, conn, page.changes, window, pass, pageWeeks);
    for (const w of pageWeeks) pass.weeks.add(w);
    if (pass.weeks.size > before) {
      await svc.connections.updateOne({ connectionId: conn.connectionId }, { $addToSet: { pendingWeeks: { $each: [...pageWeeks] } } }).exec();
    }
    if (page.cursor) nextCursor = page.cursor;
    if (page.timeZone && IANAZone.isValidZone(page.timeZone)) pass.timeZone = page.timeZone;
  }
  if (pass.full) await reconcile(svc, conn, window, pass);
  // Only after every page is applied: a crash before this replays the pages, which upserts make harmless.
  if (nextCursor) await svc.connections.updateOne({ connectionId: conn.connectionId }, { $set: { cursor: nextCursor } }).exec();
  return pass;
}

async function applyPage(svc: SyncService, conn: StoredConnection, changes: EventChange[], window: SyncWindow, pass: Pass, weeks: Set<string>) {
  const zone = conn.timeZone;
  const upserts = new Map<string, CalendarEvent>();
  const deletes = new Map<string, string | undefined>();
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
        deletes.set(event.providerEventId, undefined);
        upserts.delete(event.providerEventId);
      }
    } else {
      deletes.set(change.providerEventId, change.seriesId);
      upserts.delete(change.providerEventId);
    }
  }

  const ids = [...upserts.keys(), ...deletes.keys()];
  const existing = ids.length
    ? await svc.events.find({ connectionId: conn.connectionId, providerEventId: { $in: ids } }).lean<StoredEvent[]>().exec()
    : [];
  const stored = new Map(existing.map((e) => [e.providerEventId, e]));
  const syncedAt = svc.now();
  const ops: AnyBulkWriteOperation<StoredEvent>[] = [];
  for (const [id, event] of upserts) {
    const old = stored.get(id);
    if (old && sameEvent(old, event)) {
      pass.unchanged++;
      continue;
    }
    // A moved event changes both the week it left and the week it went to.
    if (old) for (const w of weeksOf(old.start, old.end, zone)) weeks.add(w);
    for (const w of weeksOf(event.start, event.end, zone)) weeks.add(w);
    // New events are inserted: this sync holds the connection's lease, so nobody else writes them meanwhile,
    // and an insert avoids a lookup per event (on real MongoDB the unique index still guards the key).
    const doc = toStoredEvent(event, conn.connectionId, syncedAt);
    ops.push(
      old
        ? { updateOne: { filter: { connectionId: conn.connectionId, providerEventId: id }, update: { $set: doc } } }
        : { insertOne: { document: doc } },
    );
  }
  if (ops.length) {
    await svc.events.bulkWrite(ops, { ordered: false });
    pass.upserted += ops.length;
  }

  if (deletes.size) {
    const deletedIds = [...deletes.keys()];
    // A deleted series master takes its instances with it.
    const gone = await svc.events
      .find({ connectionId: conn.connectionId, $or: [{ providerEventId: { $in: deletedIds } }, { seriesId: { $in: deletedIds } }] })
      .lean<StoredEvent[]>()
      .exec();
    if (gone.length) {
      for (const e of gone) for (const w of weeksOf(e.start, e.end, zone)) weeks.add(w);
      const res = await svc.events.deleteMany({ connectionId: conn.connectionId, providerEventId: { $in: gone.map((e) => e.providerEventId) } }).exec();
      pass.deleted += res.deletedCount;
    }
  }
}

/** After a full pass: what the copy holds in the window but the provider no longer has was deleted meanwhile. */
async function reconcile(svc: SyncService, conn: StoredConnection, window: SyncWindow, pass: Pass) {
  const stale = await svc.events
    .find({ connectionId: conn.connectionId, start: { $lt: window.end }, end: { $gte: window.start } }, { providerEventId: 1, start: 1, end: 1 })
    .lean<Pick<StoredEvent, 'providerEventId' | 'start' | 'end'>[]>()
    .exec();
  const missing = stale.filter((e) => !pass.seen.has(e.providerEventId));
  if (missing.length === 0) return;
  for (const e of missing) for (const w of weeksOf(e.start, e.end, conn.timeZone)) pass.weeks.add(w);
  const res = await svc.events.deleteMany({ connectionId: conn.connectionId, providerEventId: { $in: missing.map((e) => e.providerEventId) } }).exec();
  pass.deleted += res.deletedCount;
}
