// Stores a freshly authorised account as a connection (new, or relinking the same provider account) and announces it.
import { randomUUID } from 'node:crypto';
import type { AccountIdentity, CalendarSettings, ProviderName } from '@ledarsteg/calendar';
import { leaderIdFor, Subjects, withoutUnsafeText } from '@ledarsteg/contracts';
import { SyncErrors } from '../errors.js';
import type { SyncService } from '../service-context.js';
import { requestSync } from '../sync/request-sync.js';
import type { StoredConnection } from './connection-model.js';
import { finishDisconnect } from './disconnect.js';

export interface IssuedTokens {
  accessToken: string;
  refreshToken?: string;
  expiresAt: Date;
}

/**
 * The leader an account belongs to: derived from the identity, so a leader who disconnected (and was erased) and comes
 * back is the same leader, with the settings they kept.
 */
function leaderOf(provider: ProviderName, identity: AccountIdentity & { tenantId?: string }): string {
  if (provider === 'google') return leaderIdFor({ provider, subject: identity.accountId });
  return identity.tenantId ? leaderIdFor({ provider, tenantId: identity.tenantId, objectId: identity.accountId }) : randomUUID();
}

/**
 * `identity` is what the verified ID token says (the connection is keyed by provider + accountId: Google's sub,
 * Microsoft's oid); `settings` what the calendar says (zone, working hours).
 */
export async function linkConnection(
  svc: SyncService,
  provider: ProviderName,
  identity: AccountIdentity,
  settings: CalendarSettings,
  tokens: IssuedTokens,
  correlationId: string,
): Promise<StoredConnection> {
  // A provider's name may hold control or bidirectional-override characters: they are dropped, never passed on.
  const displayName = identity.displayName ? withoutUnsafeText(identity.displayName).trim() : '';
  const profile = { ...identity, ...settings, ...(displayName ? { displayName } : { displayName: undefined }) };
  const { connections, cipher } = svc;
  const now = svc.now();
  let existing = await connections.byAccount(provider, profile.accountId);
  if (existing?.status === 'disconnected') {
    // A disconnect of this account a crash left unfinished is finished first: the link starts a new connection.
    await finishDisconnect(svc, existing.connectionId, svc.log.child({ connectionId: existing.connectionId }));
    existing = await connections.byAccount(provider, profile.accountId);
    if (existing) throw new Error('a disconnected connection could not be erased before linking the account again');
  }
  if (!tokens.refreshToken && !existing?.refreshToken) throw new SyncErrors.noRefreshToken();

  const write = async (connectionId: string) => {
    const set: Record<string, unknown> = {
      email: profile.email,
      timeZone: profile.timeZone,
      status: 'active',
      accessToken: cipher.seal(tokens.accessToken, connectionId),
      expiresAt: tokens.expiresAt,
      linkedAt: now,
      updatedAt: now,
    };
    if (profile.displayName) set['displayName'] = profile.displayName;
    // A re-consent may come without a refresh token (Google gives one only when asked): keep the stored one.
    if (tokens.refreshToken) set['refreshToken'] = cipher.seal(tokens.refreshToken, connectionId);
    return connections.link(provider, profile.accountId, { set, onInsert: { connectionId, userId: existing?.userId ?? leaderOf(provider, identity) } });
  };

  const proposed = existing?.connectionId ?? randomUUID();
  let stored = await write(proposed);
  // Lost a race with a concurrent link of the same account: its connectionId won, so re-seal for that one.
  if (stored && stored.connectionId !== proposed) stored = await write(stored.connectionId);
  if (!stored) throw new Error('connection vanished while linking');

  await svc.publish(
    Subjects.connectionLinked,
    {
      userId: stored.userId,
      connectionId: stored.connectionId,
      provider,
      accountEmail: profile.email,
      ...(profile.displayName ? { displayName: profile.displayName } : {}),
      timeZone: profile.timeZone,
      ...(profile.workingHours?.length ? { workingHours: profile.workingHours } : {}),
      linkedAt: now.toISOString(),
    },
    { id: `${stored.connectionId}:linked:${now.getTime()}`, correlationId },
  );
  await requestSync(svc, stored.connectionId, 'linked', { correlationId, syncRuns: stored.syncRuns ?? 0 });
  return stored;
}
