// Handles calendar.subscription.lifecycle-notified.v1: renews, recreates or resyncs as Graph asked.
import type { Envelope } from '@ledarsteg/contracts';
import type { HandlerContext } from '@ledarsteg/messaging';
import type { SyncService } from '../service-context.js';
import { requestSync } from '../sync/request-sync.js';
import { ensureWatch } from './watch-manager.js';

export function onLifecycleNotified(svc: SyncService) {
  return async (envelope: Envelope<'calendar.subscription.lifecycle-notified.v1'>, msg: HandlerContext): Promise<void> => {
    const { connectionId, subscriptionId, lifecycleEvent } = envelope.data;
    const log = msg.log.child({ connectionId, lifecycleEvent });
    const conn = await svc.connections.byId(connectionId);
    // Only for the subscription the connection still has: a late notice about a replaced one asks for nothing.
    if (conn?.status !== 'active' || conn.watch?.resourceId !== subscriptionId) {
      log.info('lifecycle notice for a subscription no longer in place: ignored');
      return;
    }
    const sync = { correlationId: envelope.correlationId, syncRuns: conn.syncRuns ?? 0 };
    if (lifecycleEvent === 'reauthorizationRequired') await ensureWatch(svc, connectionId, log, { force: true });
    else if (lifecycleEvent === 'subscriptionRemoved') {
      await ensureWatch(svc, connectionId, log, { recreate: true });
      await requestSync(svc, connectionId, 'resync', sync);
    } else await requestSync(svc, connectionId, 'resync', sync);
  };
}
