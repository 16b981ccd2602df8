// Graph change notifications already acted on, kept in a NATS KV bucket that every instance shares, so a replay
// (Graph's own retry of an answered notification, or a captured one sent again) costs no sync.
import { createHash } from 'node:crypto';
import { type KV, Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';

/**
 * A Graph subscription on Outlook events lives at most 10,080 minutes, and a notification names the expiry of the
 * subscription it was sent for: a notification whose expiry is still ahead was first sent less than this long ago.
 * Remembering that long therefore catches every replay that the expiry check lets through.
 */
export const GRAPH_MAX_SUBSCRIPTION_MS = 10_080 * 60_000;

export interface SeenNotifications {
  /** True the first time `parts` is seen (and records it), false for a replay. Atomic across instances. */
  firstSighting(parts: readonly string[]): Promise<boolean>;
  /** Forgets a sighting whose work failed, so the provider's retry is acted on. */
  forget(parts: readonly string[]): Promise<void>;
}

const keyOf = (parts: readonly string[]) => `n.${createHash('sha256').update(parts.join('\u0000')).digest('base64url')}`;

export async function openSeenNotifications(nc: NatsConnection, prefix: string | undefined, replicas = 1): Promise<SeenNotifications> {
  const kv: KV = await new Kvm(nc).create(prefix ? `${prefix}_graph_notifications` : 'graph_notifications', {
    ttl: GRAPH_MAX_SUBSCRIPTION_MS + 3600_000,
    history: 1,
    replicas,
  });
  return {
    async firstSighting(parts) {
      try {
        await kv.create(keyOf(parts), '');
        return true;
      } catch (err) {
        if (/wrong last sequence|exists/i.test((err as Error).message)) return false;
        throw err;
      }
    },
    forget: (parts) => kv.purge(keyOf(parts)),
  };
}
