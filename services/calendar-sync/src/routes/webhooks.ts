// Provider notifications: Google push (headers only) and Graph change/lifecycle notifications; answered at once, the work
// follows as durable messages (a sync request, a lifecycle command) that calendar-sync consumes.
import type { TypeBoxTypeProvider } from '@ledarsteg/service-kit';
import { Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Subjects } from '@ledarsteg/contracts';
import { type StoredConnection, watchSecretContext } from '../connections/connection-model.js';
import { SyncErrors } from '../errors.js';
import type { SyncService } from '../service-context.js';
import { requestSync } from '../sync/request-sync.js';
import { sameSecret } from '../tokens/same-secret.js';

const Header = Type.String({ maxLength: 512 });
const GoogleHeaders = Type.Object({
  'x-goog-channel-id': Type.String({ minLength: 1, maxLength: 64 }),
  'x-goog-channel-token': Type.Optional(Header),
  'x-goog-resource-id': Type.Optional(Header),
  'x-goog-resource-state': Type.String({ minLength: 1, maxLength: 32 }),
});
const ValidationQuery = Type.Object({ validationToken: Type.Optional(Type.String({ minLength: 1, maxLength: 2048 })) });
const GraphItem = Type.Object({
  subscriptionId: Type.String({ minLength: 1, maxLength: 200 }),
  clientState: Type.Optional(Type.String({ maxLength: 256 })),
  changeType: Type.Optional(Type.String({ maxLength: 100 })),
  lifecycleEvent: Type.Optional(Type.String({ maxLength: 100 })),
});
const GraphBody = Type.Object({ value: Type.Array(GraphItem, { maxItems: 1000 }) });
const CompiledGraphBody = TypeCompiler.Compile(GraphBody);

function answerValidation(reply: FastifyReply, token: string) {
  // Graph wants the decoded token back verbatim as text/plain within 10 s (the query is already decoded).
  return reply.code(200).type('text/plain; charset=utf-8').send(token);
}

export async function webhookRoutes(app: FastifyInstance, opts: { svc: SyncService }) {
  const { svc } = opts;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  // Graph's validation POST is text/plain and may be empty; notifications are JSON.
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  const secretOf = (conn: StoredConnection) => (conn.watch ? svc.cipher.open(conn.watch.secret, watchSecretContext(conn.connectionId)) : undefined);

  r.post('/webhooks/google', { schema: { headers: GoogleHeaders } }, async (req, reply) => {
    const channelId = req.headers['x-goog-channel-id'];
    const state = req.headers['x-goog-resource-state'];
    // `sync` only says the channel works (and may arrive before the watch is stored); it asks for nothing.
    if (state === 'sync') return reply.code(200).send();
    const conn = await svc.connections.activeByWatchChannel(channelId);
    if (!conn?.watch) {
      req.log.warn({ channelId }, 'google notification for an unknown channel');
      throw new SyncErrors.unknownChannel(channelId);
    }
    const secret = secretOf(conn);
    const token = req.headers['x-goog-channel-token'];
    const resourceId = req.headers['x-goog-resource-id'];
    if (!secret || token === undefined || !sameSecret(token, secret) || (resourceId !== undefined && resourceId !== conn.watch.resourceId)) {
      req.log.warn({ channelId, connectionId: conn.connectionId }, 'google notification with a wrong token: rejected');
      throw new SyncErrors.webhookRejected('channel token mismatch');
    }
    await requestSync(svc, conn.connectionId, 'webhook', { correlationId: req.id, syncRuns: conn.syncRuns ?? 0 });
    return reply.code(200).send();
  });

  r.post('/webhooks/microsoft', { schema: { querystring: ValidationQuery } }, async (req, reply) => {
    if (req.query.validationToken) return answerValidation(reply, req.query.validationToken);
    const body = req.body;
    if (!GraphBodyCheck(body)) throw new SyncErrors.webhookRejected('not a Graph notification');
    const toSync = new Map<string, number>();
    for (const item of body.value) {
      const conn = await svc.connections.activeByWatchResource(item.subscriptionId);
      const secret = conn ? secretOf(conn) : undefined;
      if (!conn || !secret || item.clientState === undefined || !sameSecret(item.clientState, secret)) {
        req.log.warn({ subscriptionId: item.subscriptionId }, 'graph notification for an unknown subscription or with a wrong clientState: ignored');
        continue;
      }
      toSync.set(conn.connectionId, conn.syncRuns ?? 0);
    }
    for (const [connectionId, syncRuns] of toSync) await requestSync(svc, connectionId, 'webhook', { correlationId: req.id, syncRuns });
    // 202 even for forged items: the sender learns nothing, and Graph must be answered within 3 s.
    return reply.code(202).send();
  });

  r.post('/webhooks/microsoft/lifecycle', { schema: { querystring: ValidationQuery } }, async (req, reply) => {
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

function GraphBodyCheck(body: unknown): body is { value: { subscriptionId: string; clientState?: string; lifecycleEvent?: string }[] } {
  return CompiledGraphBody.Check(body);
}
