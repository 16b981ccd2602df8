// The periodic work: a polling backstop (webhooks can be lost), watch renewal, the outboxes, tombstone purging; all awaited on close.
import { finishDisconnects } from '../connections/disconnect.js';
import { announcePendingReauth } from '../connections/reauth.js';
import { announceChanges } from '../events/announce-changes.js';
import type { SyncService } from '../service-context.js';
import { requestSync } from '../sync/request-sync.js';
import { ensureWatch, RENEW_BEFORE_MS } from './watch-manager.js';

export const RENEW_CHECK_MS = 60 * 60_000;

export function startBackgroundTimers(svc: SyncService, opts: { pollMs: number; renewCheckMs: number }): () => Promise<void> {
  const log = svc.log.child({ component: 'timers' });
  const running = new Map<string, Promise<void>>();
  let stopped = false;
  const guard = (what: string, work: () => Promise<void>) => () => {
    // Ticks of one kind never overlap: a slow database must not pile up rounds.
    if (stopped || running.has(what)) return;
    const tick = work()
      .catch((err: unknown) => log.error({ err, what }, 'periodic work failed'))
      .finally(() => running.delete(what));
    running.set(what, tick);
  };

  const poll = setInterval(
    guard('poll', async () => {
      // Disconnects a stopped process left half done are erased and announced first.
      await finishDisconnects(svc);
      for (const c of await svc.connections.forReplay({})) {
        if (stopped) return;
        // The changes outbox: whatever a crash left unannounced goes out now, whatever the connection's state.
        await announceChanges(svc, c);
        if (c.status === 'active') await requestSync(svc, c.connectionId, 'poll', { syncRuns: c.syncRuns ?? 0 });
        else if (c.status === 'needs_reauth' && c.reauthPending) await announcePendingReauth(svc.connections, svc.publish, c);
      }
    }),
    opts.pollMs,
  );
  const renew = setInterval(
    guard('renew', async () => {
      for (const connectionId of await svc.connections.watchesDue(new Date(svc.now().getTime() + RENEW_BEFORE_MS))) {
        if (stopped) return;
        await ensureWatch(svc, connectionId, log);
      }
      const purged = await svc.events.purgeTombstones(svc.now());
      if (purged > 0) log.info({ purged }, 'old tombstones purged');
    }),
    opts.renewCheckMs,
  );
  poll.unref();
  renew.unref();
  return async () => {
    stopped = true;
    clearInterval(poll);
    clearInterval(renew);
    await Promise.all(running.values());
  };
}
