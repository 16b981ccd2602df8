// The periodic work: a polling backstop (webhooks can be lost), watch renewal, and the needs-reauth outbox; all stop on close.
import type { StoredConnection } from '../connections/connection-model.js';
import { announcePendingReauth } from '../connections/reauth.js';
import type { SyncService } from '../service-context.js';
import { requestSync } from '../sync/request-sync.js';
import { ensureWatch, watchesDue } from './watch-manager.js';

export const RENEW_CHECK_MS = 60 * 60_000;

export function startBackgroundTimers(svc: SyncService, opts: { pollMs: number; renewCheckMs: number }): () => void {
  const log = svc.log.child({ component: 'timers' });
  const running = new Set<string>();
  const guard = (what: string, work: () => Promise<void>) => async () => {
    // Ticks of one kind never overlap: a slow database must not pile up rounds.
    if (running.has(what)) return;
    running.add(what);
    try {
      await work();
    } catch (err) {
      log.error({ err, what }, 'periodic work failed');
    } finally {
      running.delete(what);
    }
  };

  const poll = setInterval(
    guard('poll', async () => {
      const due = await svc.connections
        .find({ $or: [{ status: 'active' }, { status: 'needs_reauth', reauthPending: { $exists: true } }] })
        .lean<StoredConnection[]>()
        .exec();
      for (const c of due) {
        if (c.status === 'active') await requestSync(svc, c.connectionId, 'poll', { syncRuns: c.syncRuns ?? 0 });
        else await announcePendingReauth(svc.connections, svc.publish, c);
      }
    }),
    opts.pollMs,
  );
  const renew = setInterval(
    guard('renew', async () => {
      for (const connectionId of await watchesDue(svc)) await ensureWatch(svc, connectionId, log);
    }),
    opts.renewCheckMs,
  );
  poll.unref();
  renew.unref();
  return () => {
    clearInterval(poll);
    clearInterval(renew);
  };
}
