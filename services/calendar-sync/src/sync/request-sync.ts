// Asks for a sync of one connection; requests made before the next sync starts collapse into one message.
import { type SyncRequested, Subjects } from '@ledarsteg/contracts';
import type { SyncService } from '../service-context.js';

export async function requestSync(
  svc: Pick<SyncService, 'publish' | 'now'>,
  connectionId: string,
  reason: SyncRequested['reason'],
  opts: { id?: string; correlationId?: string; syncRuns?: number } = {},
): Promise<void> {
  const now = svc.now();
  // Keyed on how many syncs have started: a burst of notifications before the next sync is one message, while a
  // change notified after a sync started gets a sync of its own (a minute bucket would swallow it).
  const bucket = opts.syncRuns !== undefined ? `run${opts.syncRuns}` : `m${Math.floor(now.getTime() / 60_000)}`;
  await svc.publish(
    Subjects.syncRequested,
    { connectionId, reason, requestedAt: now.toISOString() },
    { id: opts.id ?? `${connectionId}:${reason}:${bucket}`, ...(opts.correlationId ? { correlationId: opts.correlationId } : {}) },
  );
}
