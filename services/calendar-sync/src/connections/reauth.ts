// Marks a connection whose grant died as needing reauthorisation, and tells the rest of the system through an outbox.
import { Subjects } from '@ledarsteg/contracts';
import type { Publish } from '@ledarsteg/messaging';
import type { StoredConnection } from './connection-model.js';
import type { ConnectionRepository } from './connection-repository.js';

type Announceable = Pick<StoredConnection, 'connectionId' | 'userId' | 'provider' | 'linkedAt' | 'reauthPending'>;

/**
 * The status and the outbox flag change in one write; the publish follows. If the publish fails, the flag stays and
 * the next sync request or poll tick for the connection announces it (announcePendingReauth), so it is never lost.
 */
export async function markNeedsReauth(
  connections: ConnectionRepository,
  publish: Publish,
  connection: Omit<Announceable, 'reauthPending'>,
  reason: string,
  now: Date,
): Promise<boolean> {
  const reauthPending = { reason, detectedAt: now };
  // Only the active → needs_reauth transition sets the flag, so concurrent failures announce it once.
  if (!(await connections.markNeedsReauth(connection.connectionId, reauthPending, now))) return false;
  await announcePendingReauth(connections, publish, { ...connection, reauthPending });
  return true;
}

/** Publishes a pending needs-reauth message, then clears the flag; throws (flag kept) when the publish fails. */
export async function announcePendingReauth(connections: ConnectionRepository, publish: Publish, conn: Announceable): Promise<void> {
  if (!conn.reauthPending) return;
  await publish(
    Subjects.connectionNeedsReauth,
    {
      userId: conn.userId,
      connectionId: conn.connectionId,
      provider: conn.provider,
      reason: conn.reauthPending.reason,
      detectedAt: conn.reauthPending.detectedAt.toISOString(),
    },
    // One id per linking: a retry that follows a publish whose answer was lost is dropped by JetStream.
    { id: `${conn.connectionId}:needs-reauth:${conn.linkedAt.getTime()}` },
  );
  await connections.clearReauthPending(conn.connectionId);
}
