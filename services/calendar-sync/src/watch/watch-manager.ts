// Push channels (Google) and subscriptions (Graph): created after the first sync, renewed before they lapse.
import { randomBytes, randomUUID } from 'node:crypto';
import { isProviderError, type Watch, type WatchRequest } from '@ledarsteg/calendar';
import type { FastifyBaseLogger } from 'fastify';
import { watchSecretContext } from '../connections/connection-model.js';
import { publicUrl } from '../connections/provider-endpoints.js';
import type { SyncService } from '../service-context.js';

const DAY_MS = 24 * 3600_000;
/** Asked lifetime; Google caps channels itself, the Graph adapter caps under its 10,080-minute limit. */
export const WATCH_LIFETIME_MS = 7 * DAY_MS;
/** Renew when less than this is left, so a missed timer tick never lets a watch lapse. */
export const RENEW_BEFORE_MS = DAY_MS;

/**
 * Providers only deliver to HTTPS; with a plain-http PUBLIC_URL the polling backstop is all there is, unless
 * WEBHOOKS_ALLOW_HTTP says the "providers" are local fakes (tests, the demo) that do deliver to http.
 */
export function watchesEnabled(svc: Pick<SyncService, 'config'>): boolean {
  return svc.config.PUBLIC_URL.startsWith('https://') || svc.config.WEBHOOKS_ALLOW_HTTP;
}

/**
 * Creates the connection's watch if it has none, renews it when it is close to expiry (or `force`).
 * Failures are logged, never thrown: polling still covers the connection and the next tick retries.
 */
export async function ensureWatch(svc: SyncService, connectionId: string, log: FastifyBaseLogger, opts: { force?: boolean; recreate?: boolean } = {}): Promise<void> {
  if (!watchesEnabled(svc)) return;
  const conn = await svc.connections.byId(connectionId);
  if (conn?.status !== 'active') return;
  const now = svc.now();
  const old = opts.recreate ? undefined : conn.watch;
  if (old && !opts.force && old.expiresAt.getTime() - now.getTime() > RENEW_BEFORE_MS) return;

  const provider = svc.providerFor(conn);
  const path = `/webhooks/${conn.provider}`;
  const request = (channelId: string, secret: string): WatchRequest => ({
    channelId,
    address: publicUrl(svc.config, path),
    secret,
    ...(conn.provider === 'microsoft' ? { lifecycleAddress: publicUrl(svc.config, `${path}/lifecycle`) } : {}),
    expiresAt: new Date(now.getTime() + WATCH_LIFETIME_MS),
  });
  try {
    let watch: Watch;
    let secret: string;
    if (old && conn.provider === 'microsoft') {
      // Graph extends a subscription in place; its clientState cannot change, so the secret stays.
      secret = svc.cipher.open(old.secret, watchSecretContext(connectionId));
      watch = await provider.renewWatch({ channelId: old.channelId, resourceId: old.resourceId, expiresAt: old.expiresAt }, request(old.channelId, secret));
    } else {
      secret = randomBytes(32).toString('base64url');
      watch = await provider.watch(request(randomUUID(), secret));
    }
    // Stored only if nobody replaced the watch meanwhile (the renewal timer and a sync can race here).
    const stored = await svc.connections.storeWatch(connectionId, conn.watch?.channelId, {
      channelId: watch.channelId,
      resourceId: watch.resourceId,
      expiresAt: watch.expiresAt,
      secret: svc.cipher.seal(secret, watchSecretContext(connectionId)),
    });
    if (!stored) {
      // Lost the race: ours is the orphan. Graph renewals in place share the subscription, so only new ones are stopped.
      if (watch.channelId !== conn.watch?.channelId) await provider.stopWatch(watch).catch(() => undefined);
      log.info({ connectionId }, 'watch replaced concurrently: ours stopped');
      return;
    }
    // Google cannot extend a channel: the new one overlaps the old, which is stopped once the new one is stored.
    if (old && old.channelId !== watch.channelId) {
      await provider.stopWatch({ channelId: old.channelId, resourceId: old.resourceId, expiresAt: old.expiresAt }).catch((err: unknown) => {
        log.warn({ connectionId, kind: isProviderError(err) ? err.kind : 'error' }, 'could not stop the replaced watch');
      });
    }
    log.info({ connectionId, provider: conn.provider, expiresAt: watch.expiresAt.toISOString(), renewed: Boolean(old) }, 'watch in place');
  } catch (err) {
    log.warn({ connectionId, provider: conn.provider, kind: isProviderError(err) ? err.kind : (err as Error).name }, 'could not create or renew the watch');
  }
}
