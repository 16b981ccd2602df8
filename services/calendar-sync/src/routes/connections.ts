// DELETE /connections/:connectionId: the leader unlinks a calendar.
import type { TypeBoxTypeProvider } from '@ledarsteg/service-kit';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { StoredConnection } from '../connections/connection-model.js';
import { disconnect } from '../connections/disconnect.js';
import { SyncErrors } from '../errors.js';
import type { SyncService } from '../service-context.js';

const Params = Type.Object({ connectionId: Type.String({ format: 'uuid' }) });

export async function connectionRoutes(app: FastifyInstance, opts: { svc: SyncService }) {
  const { svc } = opts;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.delete('/connections/:connectionId', { schema: { params: Params } }, async (req, reply) => {
    const conn = await svc.connections.findOne({ connectionId: req.params.connectionId }).lean<StoredConnection>().exec();
    if (!conn) throw new SyncErrors.connectionNotFound(req.params.connectionId);
    const { deletedEvents } = await disconnect(svc, conn);
    return reply.code(200).send({ connectionId: conn.connectionId, status: 'disconnected', deletedEvents });
  });
}
