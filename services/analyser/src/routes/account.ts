// DELETE /leaders/:userId: deletes the leader's account; every service erases its part when the deletion is announced.
import type { TypeBoxTypeProvider } from '@ledarsteg/service-kit';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { deleteAccount } from '../erasure/erase-leader.js';
import { AnalyserErrors } from '../errors.js';
import type { AnalyserService } from '../service-context.js';
import { LeaderParams } from './settings.js';

export async function accountRoutes(app: FastifyInstance, opts: { svc: AnalyserService }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.delete(
    '/leaders/:userId',
    {
      schema: {
        description: "Deletes the leader's account: every service erases its part, and the provider grants are revoked.",
        params: LeaderParams,
        response: { 204: Type.Null({ description: 'Deleted; erasure proceeds in every service' }) },
      },
    }, async (req, reply) => {
    // A deletion a crash interrupted is found here too, and finished.
    if (!(await deleteAccount(opts.svc, req.params.userId, { log: req.log, correlationId: req.id }))) {
      throw new AnalyserErrors.leaderNotFound(req.params.userId);
    }
    return reply.code(204).send(null);
  });
}
