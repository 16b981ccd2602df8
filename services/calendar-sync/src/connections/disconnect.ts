// Disconnects a connection: stops its watch, revokes the grant where the provider allows it, erases tokens, the synced
// copy and the connection itself, and announces calendar.connection.disconnected.v1 through the connection's outbox.
import { ProviderError } from '@ledarsteg/calendar';
import { type ConnectionDisconnected, type Subject, Subjects } from '@ledarsteg/contracts';
import { DocumentOutbox, outboxMessage } from '@ledarsteg/store';
import type { FastifyBaseLogger } from 'fastify';
import type { SyncService } from '../service-context.js';
import type { StoredConnection } from './connection-model.js';
import { type RevokeOutcome, revokeGrant } from './revoke-grant.js';

export interface DisconnectOutcome {
  deletedEvents: number;
  revoked: RevokeOutcome;
}

/**
 * Order matters for a crash at any point. Provider first (watch, grant) while the tokens still exist; then one write
 * drops the tokens and watch, marks the connection disconnected and puts the announcement in its outbox; then the copy
 * is deleted, the announcement relayed, and the connection document deleted last. Until then the poll tick finds the
 * disconnected connection and finishes the erasure (`finishDisconnects`).
 */
export async function disconnect(svc: SyncService, conn: StoredConnection, opts: { correlationId?: string } = {}): Promise<DisconnectOutcome> {
  const log = svc.log.child({ connectionId: conn.connectionId, provider: conn.provider });
  let revoked: RevokeOutcome = 'failed';
  if (conn.status !== 'disconnected') {
    if (conn.watch) {
      try {
        await svc.providerFor(conn).stopWatch({ channelId: conn.watch.channelId, resourceId: conn.watch.resourceId, expiresAt: conn.watch.expiresAt });
      } catch (err) {
        // The channel expires by itself; notifications for an unknown channel are ignored anyway.
        log.warn({ kind: err instanceof ProviderError ? err.kind : 'error' }, 'could not stop the watch while disconnecting');
      }
    }
    // Microsoft has no per-token revocation: forgetting the tokens is all we can do.
    let refreshToken: string | undefined;
    try {
      refreshToken = conn.refreshToken ? svc.cipher.open(conn.refreshToken, conn.connectionId) : undefined;
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'the refresh token could not be opened: nothing to revoke with');
    }
    revoked = refreshToken ? await revokeGrant(svc.config, conn.provider, { refreshToken }, log) : conn.provider === 'google' ? 'failed' : 'unsupported';
    const now = svc.now();
    const remaining = await svc.connections.countOtherLinked(conn.userId, conn.connectionId);
    const data: ConnectionDisconnected = {
      userId: conn.userId,
      connectionId: conn.connectionId,
      provider: conn.provider,
      remainingConnections: remaining,
      disconnectedAt: now.toISOString(),
    };
    await svc.connections.markDisconnected(
      conn.connectionId,
      now,
      outboxMessage(Subjects.connectionDisconnected, data, { occurredAt: now, ...(opts.correlationId ? { correlationId: opts.correlationId } : {}) }),
    );
  }
  const deletedEvents = await finishDisconnect(svc, conn.connectionId, log);
  log.info({ deletedEvents, revoked }, 'calendar disconnected and erased');
  return { deletedEvents, revoked };
}

/** The erasure after the connection is marked disconnected: copy, announcement, connection. Safe to repeat. */
export async function finishDisconnect(svc: SyncService, connectionId: string, log: FastifyBaseLogger): Promise<number> {
  const deletedEvents = await svc.events.forgetConnection(connectionId);
  // The writes made through this calendar cannot be repeated without it: their exactly-once guards go with it.
  await svc.bookingLedger.forgetWhere({ 'result.connectionId': connectionId });
  await disconnectOutbox(svc).relay({ connectionId });
  if (!(await svc.connections.forgetDisconnected(connectionId))) {
    log.warn('the connection is still there: its announcement waits in the outbox');
    return deletedEvents;
  }
  // A sync that was writing a page when the disconnect began may have stored it after the first sweep.
  return deletedEvents + (await svc.events.forgetConnection(connectionId));
}

/** Connections whose disconnect a stopped process left unfinished; each is finished now, a failure waits for the next tick. */
export async function finishDisconnects(svc: SyncService): Promise<number> {
  let finished = 0;
  for (const connectionId of await svc.connections.disconnectedIds(200)) {
    try {
      await finishDisconnect(svc, connectionId, svc.log.child({ connectionId }));
      finished++;
    } catch (err) {
      svc.log.warn({ err, connectionId }, 'disconnect not finished yet; tried again next tick');
    }
  }
  return finished;
}

function disconnectOutbox(svc: SyncService) {
  return new DocumentOutbox(svc.connections.model, (m) =>
    svc.publish(m.subject as Subject, m.data as never, {
      id: m.id,
      occurredAt: new Date(m.occurredAt).toISOString(),
      ...(m.correlationId ? { correlationId: m.correlationId } : {}),
    }),
  );
}

/** Every connection of a deleted account, disconnected and erased, its grant revoked; how many there were. */
export async function eraseAccount(svc: SyncService, userId: string, opts: { correlationId?: string } = {}): Promise<number> {
  const connections = await svc.connections.ofLeader(userId);
  for (const conn of connections) await disconnect(svc, conn, opts);
  return connections.length;
}
