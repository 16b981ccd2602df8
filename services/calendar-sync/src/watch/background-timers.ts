// The periodic work: a polling backstop (webhooks can be lost) and watch renewal; both stop when the app closes.
import type { StoredConnection } from '../connections/connection-model.js';
import type { SyncService } from '../service-context.js';
import { requestSync } from '../sync/request-sync.js';
import { ensureWatch, watchesDue } from './watch-manager.js';

export const RENEW_CHECK_MS = 60 * 60_000;

export function startBackgroundTimers(svc: SyncService, opts: { pollMs: number; renewCheckMs: number }): () => void {
  const log = svc.log.child({ component: 'timers' });
  let running = false;
  const guard = (what: string, work: () => Promise<void>) => async () => {
    // Ticks never overlap: a slow database must not pile up rounds.
    if (running) return;
    running = true;
    try {
      await work();
    } catch (err) {
      log.error({ err, what }, 'periodic work failed');
    } finally {
      running = false;
    }
  };

  const poll = setInterval(
    guard('poll', async () => {
      const active = await svc.connections.find({ status: 'active' }, { connectionId: 1 }).lean<Pick<StoredConnection, 'connectionId'>[]>().exec();
      for (const c of active) await requestSync(svc, c.connectionId, 'poll');
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
