// Handles calendar.sync.requested.v1: syncs an active connection, honours rate-limit pauses, then makes sure it is watched.
import { randomUUID } from 'node:crypto';
import { isProviderError } from '@ledarsteg/calendar';
import { Consumers, type Envelope } from '@ledarsteg/contracts';
import { type HandlerContext, TransientError } from '@ledarsteg/messaging';
import type { StoredConnection } from '../connections/connection-model.js';
import { announcePendingReauth, markNeedsReauth } from '../connections/reauth.js';
import type { SyncService } from '../service-context.js';
import { ensureWatch } from '../watch/watch-manager.js';
import { toHandlerError } from './provider-failure.js';
import { requestSync } from './request-sync.js';
import { syncConnection } from './sync-connection.js';

/** How long one sync may hold its connection; a sync that dies leaves the lease to lapse. */
export const SYNC_LEASE_MS = 5 * 60_000;
/** When another sync of the same connection is running, look again after this long. */
const SYNC_BUSY_RETRY_MS = 3_000;

export function onSyncRequested(svc: SyncService, opts: { maxDeliver?: number } = {}) {
  const maxDeliver = opts.maxDeliver ?? Consumers.calendarSync.syncRequested.maxDeliver;

  return async (envelope: Envelope<'calendar.sync.requested.v1'>, msg: HandlerContext): Promise<void> => {
    const { connectionId, reason } = envelope.data;
    const log = msg.log.child({ connectionId });

    /** Retry later; on the last deliveries a fresh request takes over, so a long pause never dead-letters a sync. */
    const later = async (delayMs: number, why: string, cause?: unknown): Promise<void> => {
      if (msg.deliveryCount >= maxDeliver - 1) {
        await requestSync(svc, connectionId, reason, { id: `${envelope.id}:deferred:${msg.deliveryCount}`, correlationId: envelope.correlationId });
        log.info({ why }, 'sync deferred to a fresh request');
        return;
      }
      throw new TransientError(`sync: ${why}`, { delayMs, ...(cause === undefined ? {} : { cause }) });
    };
    const announceReauth = async (conn: StoredConnection) => {
      try {
        await announcePendingReauth(svc.connections, svc.publish, conn);
      } catch (err) {
        // The outbox flag stays: this request comes back and announces it then.
        throw new TransientError('needs-reauth announcement not yet published', { cause: err });
      }
    };

    const conn = await svc.connections.byId(connectionId);
    if (conn?.status === 'needs_reauth' && conn.reauthPending) return announceReauth(conn);
    if (conn?.status !== 'active') {
      log.info({ status: conn?.status ?? 'missing' }, 'sync skipped: connection not active');
      return;
    }
    const waitMs = await svc.pauses.waitFor(conn);
    if (waitMs > 0) return later(waitMs, 'paused after a rate limit');

    // One sync per connection at a time, across replicas: a second one would apply the same pages twice
    // and race on the cursor. Claiming also counts the run, which keys the dedup of later webhooks.
    const owner = randomUUID();
    const now = svc.now();
    const claimed = await svc.connections.claimSyncLease(connectionId, owner, new Date(now.getTime() + SYNC_LEASE_MS), now);
    if (!claimed) return later(SYNC_BUSY_RETRY_MS, 'another sync of this connection is running');
    try {
      const outcome = await syncConnection(svc, claimed, envelope.correlationId, { signal: msg.signal });
      log.info({ reason, ...outcome, weeks: outcome.weeks.length }, 'synced');
    } catch (err) {
      if (isProviderError(err) && err.kind === 'rate_limited') {
        const { scope, delayMs } = await svc.pauses.record(conn, err);
        log.warn({ scope, delayMs }, 'rate limited: paused');
        // Awaited here: a bare `return` would leave the rejection unobserved while `finally` releases the lease.
        return await later(delayMs, `provider rate_limited (${scope})`, err);
      }
      // The grant no longer allows a call we need (a permission withdrawn at the provider): only the leader can
      // grant it again, so the connection waits for a reconnect, as with a dead grant.
      if (isProviderError(err) && err.kind === 'insufficient_scope') {
        log.warn('sync stopped: the grant lacks a scope; the connection needs reauthorisation');
        await markNeedsReauth(svc.connections, svc.publish, conn, 'insufficient_scope', svc.now()).catch((cause: unknown) => {
          throw new TransientError('needs-reauth not yet recorded', { cause });
        });
        return;
      }
      const failure = toHandlerError(err, 'sync');
      if (!failure) {
        log.warn('sync stopped: the connection needs reauthorisation');
        const current = await svc.connections.byId(connectionId);
        if (current?.status === 'needs_reauth' && current.reauthPending) await announceReauth(current);
        return;
      }
      throw failure;
    } finally {
      await svc.connections.releaseSyncLease(connectionId, owner);
    }
    await ensureWatch(svc, connectionId, log);
  };
}
