// Provider notifications: Google push (headers only) and Graph change/lifecycle notifications; answered at once, the work
// follows as durable messages (a sync request, a lifecycle command) that calendar-sync consumes. A replayed or stale
// notification is answered like any other but asks for nothing, so replays cost no provider call.
import type { TypeBoxTypeProvider } from '@ledarsteg/service-kit';
import { type Static, Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Id, Subjects } from '@ledarsteg/contracts';
import { type StoredConnection, watchSecretContext } from '../connections/connection-model.js';
import { SyncErrors } from '../errors.js';
import type { SyncService } from '../service-context.js';
import { requestSync } from '../sync/request-sync.js';
import { sameSecret } from '../tokens/same-secret.js';
import { GRAPH_MAX_SUBSCRIPTION_MS, openSeenNotifications } from '../watch/seen-notifications.js';

const Header = Type.String({ maxLength: 512 });
const GoogleHeaders = Type.Object({
  'x-goog-channel-id': Type.String({ minLength: 1, maxLength: 64 }),
  'x-goog-channel-token': Type.Optional(Header),
  'x-goog-resource-id': Type.Optional(Header),
  'x-goog-resource-state': Type.String({ minLength: 1, maxLength: 32 }),
  // Google always sends it; without it a replay could not be told from a new message.
  'x-goog-message-number': Type.String({ pattern: '^[0-9]{1,15}$' }),
});
const ValidationQuery = Type.Object({ validationToken: Type.Optional(Type.String({ minLength: 1, maxLength: 2048 })) });
const GraphItem = Type.Object({
  subscriptionId: Id,
  clientState: Type.Optional(Type.String({ maxLength: 256 })),
  changeType: Type.Optional(Type.String({ maxLength: 100 })),
  lifecycleEvent: Type.Optional(Type.String({ maxLength: 100 })),
  subscriptionExpirationDateTime: Type.Optional(Type.String({ maxLength: 64 })),
  resource: Type.Optional(Type.String({ maxLength: 1024 })),
  resourceData: Type.Optional(Type.Object({ id: Type.Optional(Type.String({ maxLength: 1024 })), '@odata.etag': Type.Optional(Type.String({ maxLength: 256 })) })),
});
const GraphBody = Type.Object({ value: Type.Array(GraphItem, { maxItems: 1000 }) });
const CompiledGraphBody = TypeCompiler.Compile(GraphBody);

function answerValidation(reply: FastifyReply, token: string) {
  // Graph wants the decoded token back verbatim as text/plain within 10 s (the query is already decoded).
  return reply.code(200).type('text/plain; charset=utf-8').send(token);
}

/** Unknown channel, wrong token, wrong resource: one answer, so a prober cannot tell which channels exist. */
const REJECTED = 'not a notification for this service';

/** Graph's clocks and ours may differ a little; an expiry further ahead than a subscription can live is not Graph's. */
const CLOCK_SKEW_MS = 5 * 60_000;

export async function webhookRoutes(app: FastifyInstance, opts: { svc: SyncService }) {
  const { svc } = opts;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const limited = { rateLimit: app.rateLimits.route('webhook') };
  const seen = await openSeenNotifications(app.nats, app.messaging.prefix, svc.config.NATS_STREAM_REPLICAS);
  // Graph's validation POST is text/plain and may be empty; notifications are JSON.
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  const secretOf = (conn: StoredConnection) => (conn.watch ? svc.cipher.open(conn.watch.secret, watchSecretContext(conn.connectionId)) : undefined);

  r.post('/webhooks/google', { schema: { description: 'Google Calendar push notification (headers only)', headers: GoogleHeaders }, config: limited }, async (req, reply) => {
    const channelId = req.headers['x-goog-channel-id'];
    const state = req.headers['x-goog-resource-state'];
    // `sync` only says the channel works (and may arrive before the watch is stored); it asks for nothing.
    if (state === 'sync') return reply.code(200).send();
    const conn = await svc.connections.activeByWatchChannel(channelId);
    const secret = conn?.watch ? secretOf(conn) : undefined;
    const token = req.headers['x-goog-channel-token'];
    const resourceId = req.headers['x-goog-resource-id'];
    if (!conn?.watch || !secret || token === undefined || !sameSecret(token, secret) || (resourceId !== undefined && resourceId !== conn.watch.resourceId)) {
      req.log.warn({ channelId, known: conn?.watch !== undefined }, 'google notification for an unknown channel or with a wrong token: rejected');
      throw new SyncErrors.webhookRejected(REJECTED);
    }
    const messageNumber = Number(req.headers['x-goog-message-number']);
    if (messageNumber <= (conn.watch.lastMessageNumber ?? 0)) {
      // Numbers only grow on a channel: this one was acted on already (a replay), or a newer one overtook it and its
      // sync covers this change too. Either way, nothing to ask of Google.
      req.log.info({ channelId, connectionId: conn.connectionId, messageNumber }, 'google notification replayed or superseded: ignored');
      return reply.code(200).send();
    }
    await requestSync(svc, conn.connectionId, 'webhook', { correlationId: req.id, syncRuns: conn.syncRuns ?? 0 });
    // Raised only once the sync is asked for, so Google's retry of a notification we failed to act on still counts. Two
    // deliveries of one number in between ask within one sync run: the sync request's message id makes them one.
    await svc.connections.acceptGoogleMessage(conn.connectionId, channelId, messageNumber);
    return reply.code(200).send();
  });

  r.post('/webhooks/microsoft', { schema: { description: 'Graph change notifications, and its validation handshake', querystring: ValidationQuery }, config: limited }, async (req, reply) => {
    if (req.query.validationToken) return answerValidation(reply, req.query.validationToken);
    const body = req.body;
    if (!GraphBodyCheck(body)) throw new SyncErrors.webhookRejected('not a Graph notification');
    const toSync = new Map<string, { syncRuns: number; sightings: string[][] }>();
    const now = svc.now().getTime();
    for (const item of body.value) {
      const conn = await svc.connections.activeByWatchResource(item.subscriptionId);
      const secret = conn ? secretOf(conn) : undefined;
      if (!conn || !secret || item.clientState === undefined || !sameSecret(item.clientState, secret)) {
        req.log.warn({ subscriptionId: item.subscriptionId }, 'graph notification for an unknown subscription or with a wrong clientState: ignored');
        continue;
      }
      // Sent for a subscription period that is over (or one Graph could never have granted): stale, or not Graph's.
      const expires = Date.parse(item.subscriptionExpirationDateTime ?? '');
      if (!(expires > now && expires <= now + GRAPH_MAX_SUBSCRIPTION_MS + CLOCK_SKEW_MS)) {
        req.log.warn({ connectionId: conn.connectionId, subscriptionId: item.subscriptionId }, 'graph notification stale: ignored');
        continue;
      }
      const sighting = [item.subscriptionId, item.changeType ?? '', item.resource ?? '', item.resourceData?.id ?? '', item.resourceData?.['@odata.etag'] ?? '', String(expires)];
      if (!(await seen.firstSighting(sighting))) {
        req.log.info({ connectionId: conn.connectionId, subscriptionId: item.subscriptionId }, 'graph notification seen before: ignored');
        continue;
      }
      const entry = toSync.get(conn.connectionId) ?? { syncRuns: conn.syncRuns ?? 0, sightings: [] };
      entry.sightings.push(sighting);
      toSync.set(conn.connectionId, entry);
    }
    for (const [connectionId, { syncRuns, sightings }] of toSync) {
      try {
        await requestSync(svc, connectionId, 'webhook', { correlationId: req.id, syncRuns });
      } catch (err) {
        // Not acted on after all: Graph's retry of these must not look like a replay.
        await Promise.all(sightings.map((s) => seen.forget(s).catch(() => undefined)));
        throw err;
      }
    }
    // 202 even for forged items: the sender learns nothing, and Graph must be answered within 3 s.
    return reply.code(202).send();
  });

  r.post('/webhooks/microsoft/lifecycle', { schema: { description: 'Graph lifecycle notifications, and its validation handshake', querystring: ValidationQuery }, config: limited }, async (req, reply) => {
    if (req.query.validationToken) return answerValidation(reply, req.query.validationToken);
    const body = req.body;
    if (!GraphBodyCheck(body)) throw new SyncErrors.webhookRejected('not a Graph lifecycle notification');
    for (const item of body.value) {
      const conn = await svc.connections.activeByWatchResource(item.subscriptionId);
      const secret = conn ? secretOf(conn) : undefined;
      if (!conn || !secret || item.clientState === undefined || !sameSecret(item.clientState, secret)) {
        req.log.warn({ subscriptionId: item.subscriptionId }, 'graph lifecycle notification not ours: ignored');
        continue;
      }
      const lifecycleEvent = item.lifecycleEvent;
      if (lifecycleEvent !== 'reauthorizationRequired' && lifecycleEvent !== 'subscriptionRemoved' && lifecycleEvent !== 'missed') {
        req.log.warn({ connectionId: conn.connectionId, lifecycleEvent }, 'unknown lifecycle event: ignored');
        continue;
      }
      // Renewal talks to Graph (which may validate our URL again), so it runs after the answer: as a command that is
      // stored before we answer, and survives a crash.
      await svc.publish(
        Subjects.subscriptionLifecycleNotified,
        { connectionId: conn.connectionId, subscriptionId: item.subscriptionId, lifecycleEvent, notifiedAt: svc.now().toISOString() },
        { correlationId: req.id },
      );
    }
    return reply.code(202).send();
  });
}

function GraphBodyCheck(body: unknown): body is Static<typeof GraphBody> {
  return CompiledGraphBody.Check(body);
}
