// startMicrosoftFake(): Graph v1.0 and the identity platform over HTTPS on 127.0.0.1, with a control API for tests.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { registerEventRoutes } from './event-routes.js';
import { EventInputError } from './event-input.js';
import { EventStore } from './event-store.js';
import { createFakeClock } from './fake-clock.js';
import type { FakeContext } from './fake-context.js';
import { defaultCodeForStatus, FaultBoard } from './faults.js';
import { sendGraphError } from './graph-errors.js';
import { hasPermissionRow, permissionDenial } from './graph-permissions.js';
import { ODataError, setAuth } from './graph-request.js';
import { registerIdentityRoutes } from './identity-routes.js';
import { IdentityStore } from './identity-store.js';
import type { MicrosoftFake, MicrosoftFakeOptions } from './fake-handle.js';
import { notifyChange } from './notifier.js';
import { registerSubscriptionRoutes } from './subscription-routes.js';
import { defaultTlsMaterial } from './tls-material.js';
import { registerViewRoutes } from './view-routes.js';
import { createControl } from './fake-control.js';
import { IdTokenMinter } from '../oidc/id-token-faults.js';
import { SigningKeys } from '../oidc/signing-keys.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const GRAPH_PREFIX = '/v1.0';

function areaOf(url: string): 'graph' | 'identity' | 'other' {
  if (url.startsWith('/v1.0/')) return 'graph';
  return /^\/[^/]+\/(oauth2\/v2\.0|v2\.0\/\.well-known|discovery\/v2\.0)\//.test(url) ? 'identity' : 'other';
}

function bearer(req: FastifyRequest): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
}

function buildContext(opts: MicrosoftFakeOptions): FakeContext {
  const clock = createFakeClock(opts.now);
  const signingKeys = new SigningKeys();
  const idTokens = new IdTokenMinter(signingKeys, () => clock.now());
  return {
    clock,
    identity: new IdentityStore(clock, idTokens),
    signingKeys,
    idTokens,
    events: new EventStore(clock),
    faults: new FaultBoard(),
    deltaTokens: new Map(),
    skipSessions: new Map(),
    deltaQuirks: new Map(),
    subscriptions: new Map(),
    requestLog: [],
    deliveries: [],
    pendingDeliveries: new Set(),
    consent: {},
    options: {
      validateOnRenew: opts.validateOnRenew ?? true,
      requireHttpsNotificationUrl: opts.requireHttpsNotificationUrl ?? true,
      validationTimeoutMs: opts.validationTimeoutMs ?? 10_000,
      defaultPageSize: opts.defaultPageSize ?? 10,
    },
  };
}

function registerHooks(app: FastifyInstance, ctx: FakeContext): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.addHook('onRequest', async (req, reply) => {
    const area = areaOf(req.url);
    if (area === 'other') return;
    const record = area === 'graph' ? ctx.identity.checkAccessToken(bearer(req) ?? '') : undefined;
    const fault = ctx.faults.take(area, req.method, req.url.split('?')[0]!, record?.accountId);
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.status) {
      if (fault.retryAfterSeconds !== undefined) reply.header('Retry-After', String(fault.retryAfterSeconds));
      return sendGraphError(reply, fault.status, fault.code ?? defaultCodeForStatus(fault.status), 'Injected fault.', ctx.clock.now());
    }
    if (area !== 'graph') return;
    const account = record && ctx.identity.accounts.get(record.accountId);
    if (!record || !account) {
      return sendGraphError(reply, 401, 'InvalidAuthenticationToken', 'Access token is empty, expired or revoked.', ctx.clock.now());
    }
    setAuth(req, { account, scopes: record.scopes, clientId: record.clientId });
    // Every Graph route checks the token's delegated permissions against its row in graph-permissions.ts.
    const route = req.routeOptions.url;
    if (route?.startsWith(GRAPH_PREFIX)) {
      const denied = permissionDenial(req.method, route.slice(GRAPH_PREFIX.length), req.query as Record<string, string | undefined>, record.scopes);
      if (denied) return sendGraphError(reply, 403, denied.code, denied.message, ctx.clock.now());
    }
  });

  // A Graph route without a permission row would serve every token: refuse to start instead.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith(GRAPH_PREFIX)) return;
    for (const method of [route.method].flat()) {
      if (!hasPermissionRow(method, route.url.slice(GRAPH_PREFIX.length))) throw new Error(`microsoft fake: no permission row for ${method} ${route.url}`);
    }
  });

  app.addHook('onResponse', async (req, reply) => {
    const area = areaOf(req.url);
    const entry: FakeContext['requestLog'][number] = { at: new Date(ctx.clock.now()).toISOString(), method: req.method, url: req.url, status: reply.statusCode, area };
    const accountId = area === 'graph' ? ctx.identity.checkAccessToken(bearer(req) ?? '')?.accountId : undefined;
    if (accountId) entry.accountId = accountId;
    ctx.requestLog.push(entry);
  });

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof ODataError) return sendGraphError(reply, err.status, err.code, err.message, ctx.clock.now());
    if (err instanceof EventInputError) return sendGraphError(reply, 400, 'ErrorInvalidRequest', err.message, ctx.clock.now());
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) return sendGraphError(reply, status, 'BadRequest', (err as Error).message, ctx.clock.now());
    req.log.error({ err }, 'fake failed');
    return sendGraphError(reply, 500, 'InternalServerError', 'The fake failed.', ctx.clock.now());
  });

  app.setNotFoundHandler((req, reply) =>
    sendGraphError(reply, 400, 'BadRequest', `Resource not found for the segment '${req.url.split('?')[0]}'.`, ctx.clock.now()),
  );
}

export async function startMicrosoftFake(opts: MicrosoftFakeOptions = {}): Promise<MicrosoftFake> {
  const ctx = buildContext(opts);
  const tls = opts.tls ?? defaultTlsMaterial();
  const app = Fastify({ https: { cert: tls.cert, key: tls.key }, logger: opts.logger ?? false, genReqId: () => randomUUID() });
  registerHooks(app, ctx);
  registerIdentityRoutes(app, ctx);
  await app.register(
    async (graph) => {
      registerEventRoutes(graph, ctx);
      registerViewRoutes(graph, ctx);
      registerSubscriptionRoutes(graph, ctx);
    },
    { prefix: '/v1.0' },
  );
  ctx.events.onChange((accountId, changeType, eventId, changeKey) => notifyChange(ctx, accountId, changeType, eventId, changeKey));
  await app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `https://localhost:${port}`;
  const control = createControl(ctx, url);
  return {
    url,
    port,
    ...control,
    async close() {
      await Promise.allSettled([...ctx.pendingDeliveries]);
      await app.close();
    },
  };
}

