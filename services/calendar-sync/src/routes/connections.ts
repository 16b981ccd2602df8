// DELETE /connections/:connectionId: unlinks a calendar and erases what calendar-sync held of it; only for callers holding ADMIN_TOKEN (the gateway), else absent.
import type { TypeBoxTypeProvider } from '@ledarsteg/service-kit';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { disconnect } from '../connections/disconnect.js';
import { SyncErrors } from '../errors.js';
import type { SyncService } from '../service-context.js';
import { sameSecret } from '../tokens/same-secret.js';

const Params = Type.Object({ connectionId: Type.String({ format: 'uuid' }) });
const Headers = Type.Object({ authorization: Type.Optional(Type.String({ maxLength: 1024 })) });

export async function connectionRoutes(app: FastifyInstance, opts: { svc: SyncService }) {
  const { svc } = opts;
  const adminToken = svc.config.ADMIN_TOKEN;
  // Without a token nobody may disconnect through HTTP: the route does not exist (404), rather than being open.
  if (!adminToken) return;
  // Counted before the token is compared, so guessing it is as slow as the allowance makes it.
  app.addHook('onRequest', app.rateLimits.hook('tokenCheck'));
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.delete(
    '/connections/:connectionId',
    {
      schema: { description: 'Disconnect a calendar (the gateway, with ADMIN_TOKEN)', security: [{ bearer: [] }], params: Params, headers: Headers },
      // Checked before the params, so an unauthenticated caller learns nothing about ids.
      onRequest: async (req, reply) => {
        const header = req.headers.authorization;
        const given = typeof header === 'string' && /^Bearer\s+/i.test(header) ? header.replace(/^Bearer\s+/i, '') : undefined;
        if (given === undefined || !sameSecret(given, adminToken)) {
          req.log.warn('disconnect without a valid admin token: refused');
          reply.header('www-authenticate', 'Bearer');
          throw new SyncErrors.unauthorized();
        }
      },
    },
    async (req, reply) => {
      const conn = await svc.connections.byId(req.params.connectionId);
      if (!conn) throw new SyncErrors.connectionNotFound(req.params.connectionId);
      const { deletedEvents, revoked } = await disconnect(svc, conn, { correlationId: req.id });
      return reply.code(200).send({ connectionId: conn.connectionId, status: 'disconnected', deletedEvents, revoked });
    },
  );
}
