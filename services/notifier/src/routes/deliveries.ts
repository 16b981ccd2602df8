// GET what the notifier has sent a leader (and what a mail server refused for good), for support: never contents.
import { Id } from '@ledarsteg/contracts';
import type { TypeBoxTypeProvider } from '@ledarsteg/service-kit';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { deliveriesTo } from '../deliveries.js';
import type { NotifierService } from '../service-context.js';

const Params = Type.Object({ userId: Id });

const Delivery = Type.Object({
  kind: Type.String(),
  key: Type.String(),
  sentAt: Type.String({ format: 'date-time' }),
  messageId: Type.String(),
  /** For digests: the week it covers. */
  week: Type.Optional(Type.String()),
  /** `failed` when the mail server refused it for good (5xx); then `code` is its reply code. */
  status: Type.Union([Type.Literal('sent'), Type.Literal('failed')]),
  code: Type.Optional(Type.String()),
});

const DeliveryList = Type.Object({ userId: Type.String(), deliveries: Type.Array(Delivery) });

const MAX_DELIVERIES = 200;

export async function deliveryRoutes(app: FastifyInstance, opts: { svc: NotifierService }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/recipients/:userId/deliveries', { schema: { params: Params, response: { 200: DeliveryList } } }, async (req) => {
    const { userId } = req.params;
    const entries = await deliveriesTo(opts.svc.deliveries, userId, MAX_DELIVERIES);
    return {
      userId,
      deliveries: entries.map((e) => ({
        kind: String(e.result?.['kind'] ?? 'unknown'),
        key: e.key,
        sentAt: (e.doneAt ?? e.claimedAt).toISOString(),
        messageId: String(e.result?.['messageId'] ?? ''),
        ...(typeof e.result?.['week'] === 'string' ? { week: e.result['week'] } : {}),
        status: e.result?.['status'] === 'failed' ? ('failed' as const) : ('sent' as const),
        ...(typeof e.result?.['code'] === 'string' ? { code: e.result['code'] } : {}),
      })),
    };
  });
}
