// buildApp for the notifier: knows where each leader's email goes and tells them when their calendar link breaks.
import { Consumers, Streams } from '@ledarsteg/contracts';
import { createServer, registerInfrastructure, type ServiceDeps } from '@ledarsteg/service-kit';
import type { FastifyInstance } from 'fastify';
import nodemailer, { type Transporter } from 'nodemailer';
import type { NotifierConfig } from './config.js';
import { deliveryLedger } from './deliveries.js';
import { onConnectionLinked } from './handlers/connection-linked.js';
import { onNeedsReauth } from './handlers/needs-reauth.js';
import { onAccountDeleted, onConnectionDisconnected } from './handlers/erasure.js';
import { Collections } from './collections.js';
import { ErasureLedger } from '@ledarsteg/store';
import { recipientModel, recipientRepository } from './recipient-model.js';
import { deliveryRoutes } from './routes/deliveries.js';
import type { NotifierService } from './service-context.js';

export const SERVICE = 'notifier';

export interface NotifierDeps extends ServiceDeps {
  /** A mail transport to use instead of one built from SMTP_URL; the notifier will not close it. */
  mailer?: Transporter;
}

export async function buildApp({ config, deps = {} }: { config: NotifierConfig; deps?: NotifierDeps }): Promise<FastifyInstance> {
  const app = await createServer({
    service: SERVICE,
    logLevel: config.LOG_LEVEL,
    trustProxyHops: config.TRUST_PROXY_HOPS,
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
  const now = deps.now ?? (() => new Date());
  let mailer = deps.mailer;
  if (!mailer) {
    const owned = nodemailer.createTransport(config.SMTP_URL);
    // Registered before the infrastructure, so it closes after the consumers stopped: a send in flight keeps its socket.
    app.addHook('onClose', async () => owned.close());
    mailer = owned;
  }
  await registerInfrastructure(app, {
    service: SERVICE,
    config,
    deps,
    streams: [Streams.calendar, Streams.leader],
  });
  const svc: NotifierService = {
    recipients: recipientRepository(recipientModel(app.db)),
    deliveries: deliveryLedger(app.db),
    erasures: new ErasureLedger(app.db, Collections.erasures),
    mailer,
    from: config.MAIL_FROM,
    publicUrl: config.PUBLIC_URL,
    now,
    log: app.log,
  };
  await app.register(deliveryRoutes, { svc });
  app.addHook('onReady', async () => {
    await app.messaging.consume(Consumers.notifier.connectionLinked, onConnectionLinked(svc));
    await app.messaging.consume(Consumers.notifier.needsReauth, onNeedsReauth(svc));
    await app.messaging.consume(Consumers.notifier.connectionDisconnected, onConnectionDisconnected(svc));
    await app.messaging.consume(Consumers.notifier.accountDeleted, onAccountDeleted(svc));
  });
  return app;
}
