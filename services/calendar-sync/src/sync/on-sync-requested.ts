// Handles calendar.sync.requested.v1: syncs an active connection, honours rate-limit pauses, then makes sure it is watched.
import { isProviderError } from '@ledarsteg/calendar';
import type { Envelope } from '@ledarsteg/contracts';
import { type HandlerContext, TransientError } from '@ledarsteg/messaging';
import type { StoredConnection } from '../connections/connection-model.js';
import type { SyncService } from '../service-context.js';
import { ensureWatch } from '../watch/watch-manager.js';
import { retryDelay, toHandlerError } from './provider-failure.js';
import { syncConnection } from './sync-connection.js';

export function onSyncRequested(svc: SyncService) {
  return async (envelope: Envelope<'calendar.sync.requested.v1'>, ctx: HandlerContext): Promise<void> => {
    const { connectionId, reason } = envelope.data;
    const conn = await svc.connections.findOne({ connectionId }).lean<StoredConnection>().exec();
    if (conn?.status !== 'active') {
      ctx.log.info({ connectionId, status: conn?.status ?? 'missing' }, 'sync skipped: connection not active');
      return;
    }
    const now = svc.now();
    if (conn.notBefore && conn.notBefore > now) {
      throw new TransientError('connection is paused after a rate limit', { delayMs: conn.notBefore.getTime() - now.getTime() + Math.round(Math.random() * 250) });
    }
    try {
      const outcome = await syncConnection(svc, conn, envelope.correlationId);
      ctx.log.info({ connectionId, reason, ...outcome, weeks: outcome.weeks.length }, 'synced');
    } catch (err) {
      if (isProviderError(err) && err.kind === 'rate_limited') {
        // Remembered on the connection, so other requests for it (webhooks, polls) wait too.
        const delayMs = retryDelay(err) ?? 30_000;
        await svc.connections.updateOne({ connectionId }, { $set: { notBefore: new Date(now.getTime() + delayMs) } }).exec();
        throw new TransientError('sync: provider rate_limited', { cause: err, delayMs });
      }
      const failure = toHandlerError(err, 'sync');
      if (!failure) {
        ctx.log.warn({ connectionId }, 'sync stopped: the connection needs reauthorisation');
        return;
      }
      throw failure;
    }
    await ensureWatch(svc, connectionId, ctx.log);
  };
}
