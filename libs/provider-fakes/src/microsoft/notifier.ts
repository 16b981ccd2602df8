// Sends Graph's webhook traffic: validation handshakes, change notifications and lifecycle notifications.
import { randomUUID } from 'node:crypto';
import type { FakeContext } from './fake-context.js';
import type { Subscription } from './model.js';

export type LifecycleEvent = 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';

/**
 * POSTs `{url}?validationToken=…` (text/plain, empty body) and requires 200 text/plain echoing the decoded
 * token within the timeout, as Graph does before creating or renewing a subscription.
 */
export async function validateEndpoint(ctx: FakeContext, url: string): Promise<string | undefined> {
  const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
  const target = `${url}${url.includes('?') ? '&' : '?'}validationToken=${encodeURIComponent(token)}`;
  try {
    const res = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      signal: AbortSignal.timeout(ctx.options.validationTimeoutMs),
    });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    if (res.status !== 200) return `Subscription validation request failed. Response must exactly match validationToken query parameter (status ${res.status}).`;
    if (!type.toLowerCase().startsWith('text/plain')) return `Subscription validation request failed. Must respond with 200 OK text/plain (got '${type}').`;
    if (text !== token) return 'Subscription validation request failed. Response must exactly match validationToken query parameter.';
    return undefined;
  } catch (err) {
    return `Subscription validation request timed out or failed: ${(err as Error).message}`;
  }
}

/** Fire-and-forget delivery, tracked so tests can await `flushNotifications()`. */
export function deliver(ctx: FakeContext, url: string, body: unknown): void {
  const record: FakeContext['deliveries'][number] = { url, body };
  ctx.deliveries.push(record);
  const sending = fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) })
    .then(async (res) => {
      record.status = res.status;
      await res.arrayBuffer();
    })
    .catch((err: Error) => {
      record.error = err.message;
    })
    .finally(() => ctx.pendingDeliveries.delete(sending));
  ctx.pendingDeliveries.add(sending);
}

export function notifyChange(ctx: FakeContext, accountId: string, changeType: string, eventId: string, changeKey: string): void {
  const account = ctx.identity.accounts.get(accountId);
  if (!account) return;
  for (const sub of ctx.subscriptions.values()) {
    if (sub.accountId !== accountId || Date.parse(sub.expirationDateTime) <= ctx.clock.now()) continue;
    if (!sub.changeType.split(',').includes(changeType)) continue;
    deliver(ctx, sub.notificationUrl, {
      value: [
        {
          subscriptionId: sub.id,
          subscriptionExpirationDateTime: sub.expirationDateTime,
          changeType,
          resource: `Users/${accountId}/Events/${eventId}`,
          resourceData: {
            '@odata.type': '#Microsoft.Graph.Event',
            '@odata.id': `Users/${accountId}/Events/${eventId}`,
            '@odata.etag': `W/"${changeKey}"`,
            id: eventId,
          },
          clientState: sub.clientState ?? null,
          tenantId: account.tenantId,
        },
      ],
    });
  }
}

export function notifyLifecycle(ctx: FakeContext, sub: Subscription, lifecycleEvent: LifecycleEvent): void {
  const url = sub.lifecycleNotificationUrl;
  const account = ctx.identity.accounts.get(sub.accountId);
  if (!url || !account) return;
  deliver(ctx, url, {
    value: [
      {
        subscriptionId: sub.id,
        subscriptionExpirationDateTime: sub.expirationDateTime,
        tenantId: account.tenantId,
        clientState: sub.clientState ?? null,
        lifecycleEvent,
      },
    ],
  });
}
