// GET a leader's digest for a week as HTML, exactly as it would be sent (the picture inline), for development and support.
import { Id, IsoWeek } from '@ledarsteg/contracts';
import { composeDigest } from '@ledarsteg/digest';
import type { TypeBoxTypeProvider } from '@ledarsteg/service-kit';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { prepareDigest } from '../digest/prepare-digest.js';
import { NotifierErrors } from '../errors.js';
import type { NotifierService } from '../service-context.js';

const Params = Type.Object({ userId: Id, week: IsoWeek });

export async function digestPreviewRoutes(app: FastifyInstance, opts: { svc: NotifierService }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/recipients/:userId/digests/:week/preview', { schema: { params: Params } }, async (req, reply) => {
    const { userId, week } = req.params;
    const sub = await opts.svc.subscriptions.byId(userId);
    if (!sub) throw new NotifierErrors.recipientNotFound(userId);
    const prepared = await prepareDigest(opts.svc, sub, week, opts.svc.now());
    if (!prepared) throw new NotifierErrors.weekNotAnalysed(week);
    const mail = await composeDigest(prepared.model, { pictureSource: 'data-url' });
    return reply.headers({ 'cache-control': 'no-store', 'x-robots-tag': 'noindex' }).type('text/html; charset=utf-8').send(mail.html);
  });
}
