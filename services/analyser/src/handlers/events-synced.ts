// calendar.events.synced.v1: marks the changed weeks and analyses them, unless another drainer already is.
import type { Envelope } from '@ledarsteg/contracts';
import type { HandlerContext } from '@ledarsteg/messaging';
import type { AnalyserContext } from '../analyser-context.js';
import { drainLeader, markWeeks } from '../analysis/recompute-queue.js';
import { rememberConnection } from '../models/leader-connection-model.js';

export function onEventsSynced(ctx: AnalyserContext) {
  return async (envelope: Envelope<'calendar.events.synced.v1'>, mctx: HandlerContext): Promise<void> => {
    const { userId, connectionId, provider, weeks, syncedAt } = envelope.data;
    await rememberConnection(ctx.connections, { userId, connectionId, provider, seenAt: new Date(syncedAt) });
    if (weeks.length > 0) await markWeeks(ctx, userId, weeks);
    // Also after an empty sync: weeks left by an earlier failed attempt are picked up here.
    const result = await drainLeader(ctx, userId, { log: mctx.log, correlationId: envelope.correlationId });
    // 'busy': the running drainer sees our mark (the version moved) and analyses these weeks before it lets go.
    mctx.log.info({ userId, weeks: weeks.length, result: result.status }, 'synced weeks handled');
  };
}
