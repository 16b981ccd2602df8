// Asks for a sync of one connection; requests for the same reason within a minute collapse into one message.
import { type SyncRequested, Subjects } from '@ledarsteg/contracts';
import type { SyncService } from '../service-context.js';

export async function requestSync(
  svc: Pick<SyncService, 'publish' | 'now'>,
  connectionId: string,
  reason: SyncRequested['reason'],
  opts: { id?: string; correlationId?: string } = {},
): Promise<void> {
  const now = svc.now();
  const minute = Math.floor(now.getTime() / 60_000);
  await svc.publish(
    Subjects.syncRequested,
    { connectionId, reason, requestedAt: now.toISOString() },
    { id: opts.id ?? `${connectionId}:${reason}:${minute}`, ...(opts.correlationId ? { correlationId: opts.correlationId } : {}) },
  );
}
