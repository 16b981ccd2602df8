// Marks a connection whose grant died as needing reauthorisation, and tells the rest of the system exactly once.
import { Subjects } from '@ledarsteg/contracts';
import type { Publish } from '@ledarsteg/messaging';
import type { Model } from 'mongoose';
import type { StoredConnection } from './connection-model.js';

export async function markNeedsReauth(
  connections: Model<StoredConnection>,
  publish: Publish,
  connection: Pick<StoredConnection, 'connectionId' | 'userId' | 'provider' | 'linkedAt'>,
  reason: string,
  now: Date,
): Promise<boolean> {
  // Only the active → needs_reauth transition publishes, so concurrent failures announce it once.
  const res = await connections
    .updateOne({ connectionId: connection.connectionId, status: 'active' }, { $set: { status: 'needs_reauth', updatedAt: now } })
    .exec();
  if (res.modifiedCount !== 1) return false;
  await publish(
    Subjects.connectionNeedsReauth,
    { userId: connection.userId, connectionId: connection.connectionId, provider: connection.provider, reason, detectedAt: now.toISOString() },
    // One message per linking: a crash-and-retry of this publish is dropped by JetStream.
    { id: `${connection.connectionId}:needs-reauth:${connection.linkedAt.getTime()}` },
  );
  return true;
}
