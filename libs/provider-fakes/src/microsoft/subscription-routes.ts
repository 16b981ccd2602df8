// Graph /subscriptions: create (validation handshake, lifetime limit), renew (PATCH), delete.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { FakeContext } from './fake-context.js';
import { authOf, ODataError } from './graph-request.js';
import type { Subscription } from './model.js';
import { validateEndpoint } from './notifier.js';

/** Outlook event subscriptions live at most 10,080 minutes; longer asks are rejected, not capped. */
export const MAX_SUBSCRIPTION_MINUTES = 10_080;
const CHANGE_TYPES = new Set(['created', 'updated', 'deleted']);
const RESOURCES = new Set(['/me/events', 'me/events']);

function checkExpiration(ctx: FakeContext, value: unknown): string {
  const at = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(at)) throw new ODataError(400, 'InvalidRequest', 'expirationDateTime is required and must be a date-time.');
  const now = ctx.clock.now();
  if (at <= now) throw new ODataError(400, 'InvalidRequest', 'Subscription expiration must be in the future.');
  if (at > now + MAX_SUBSCRIPTION_MINUTES * 60_000) {
    throw new ODataError(400, 'ExtensionError', `Subscription expiration can only be ${MAX_SUBSCRIPTION_MINUTES} minutes in the future.`);
  }
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, '.0000000Z');
}

function checkUrl(ctx: FakeContext, value: unknown, name: string): string {
  if (typeof value !== 'string' || !URL.canParse(value)) throw new ODataError(400, 'ValidationError', `${name} must be an absolute URL.`);
  if (ctx.options.requireHttpsNotificationUrl && !value.startsWith('https://')) throw new ODataError(400, 'ValidationError', `${name} must be HTTPS.`);
  return value;
}

async function validateAll(ctx: FakeContext, sub: Pick<Subscription, 'notificationUrl' | 'lifecycleNotificationUrl'>): Promise<void> {
  for (const url of [sub.notificationUrl, sub.lifecycleNotificationUrl]) {
    if (!url) continue;
    const problem = await validateEndpoint(ctx, url);
    if (problem) throw new ODataError(400, 'ValidationError', problem);
  }
}

function render(sub: Subscription) {
  return {
    '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#subscriptions/$entity',
    id: sub.id,
    resource: sub.resource,
    applicationId: sub.clientId,
    changeType: sub.changeType,
    clientState: sub.clientState ?? null,
    notificationUrl: sub.notificationUrl,
    lifecycleNotificationUrl: sub.lifecycleNotificationUrl ?? null,
    expirationDateTime: sub.expirationDateTime,
    creatorId: sub.accountId,
    latestSupportedTlsVersion: 'v1_2',
  };
}

export function registerSubscriptionRoutes(app: FastifyInstance, ctx: FakeContext): void {
  app.post('/subscriptions', async (req, reply) => {
    const { account, clientId } = authOf(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (typeof body.resource !== 'string' || !RESOURCES.has(body.resource)) throw new ODataError(400, 'InvalidRequest', 'This fake supports resource /me/events only.');
    const types = typeof body.changeType === 'string' ? body.changeType.split(',').map((t) => t.trim()) : [];
    if (types.length === 0 || types.some((t) => !CHANGE_TYPES.has(t))) throw new ODataError(400, 'InvalidRequest', 'changeType must list created, updated and/or deleted.');
    if (body.clientState !== undefined && (typeof body.clientState !== 'string' || body.clientState.length > 128)) {
      throw new ODataError(400, 'InvalidRequest', 'clientState must be a string of at most 128 characters.');
    }
    const sub: Subscription = {
      id: randomUUID(),
      accountId: account.id,
      clientId,
      resource: body.resource,
      changeType: types.join(','),
      notificationUrl: checkUrl(ctx, body.notificationUrl, 'notificationUrl'),
      expirationDateTime: checkExpiration(ctx, body.expirationDateTime),
    };
    if (body.lifecycleNotificationUrl !== undefined) sub.lifecycleNotificationUrl = checkUrl(ctx, body.lifecycleNotificationUrl, 'lifecycleNotificationUrl');
    if (typeof body.clientState === 'string') sub.clientState = body.clientState;
    await validateAll(ctx, sub);
    ctx.subscriptions.set(sub.id, sub);
    return reply.code(201).send(render(sub));
  });

  app.patch('/subscriptions/:id', async (req) => {
    const { account } = authOf(req);
    const sub = ctx.subscriptions.get((req.params as { id: string }).id);
    if (!sub || sub.accountId !== account.id) throw new ODataError(404, 'ResourceNotFound', 'The object was not found.');
    const expirationDateTime = checkExpiration(ctx, ((req.body ?? {}) as Record<string, unknown>).expirationDateTime);
    if (ctx.options.validateOnRenew) await validateAll(ctx, sub);
    sub.expirationDateTime = expirationDateTime;
    return render(sub);
  });

  app.delete('/subscriptions/:id', async (req, reply) => {
    const { account } = authOf(req);
    const sub = ctx.subscriptions.get((req.params as { id: string }).id);
    if (!sub || sub.accountId !== account.id) throw new ODataError(404, 'ResourceNotFound', 'The object was not found.');
    ctx.subscriptions.delete(sub.id);
    return reply.code(204).send();
  });
}
