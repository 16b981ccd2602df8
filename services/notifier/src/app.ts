// buildApp for the notifier: knows where each leader's email goes, tells them when their calendar link breaks, and sends the weekly digest.
import { Consumers, Streams } from '@ledarsteg/contracts';
import { createServer, registerInfrastructure, type ServiceDeps } from '@ledarsteg/service-kit';
import { ErasureLedger, SideEffectLedger } from '@ledarsteg/store';
import type { FastifyInstance } from 'fastify';
import nodemailer, { type Transporter } from 'nodemailer';
import { Collections } from './collections.js';
import type { NotifierConfig } from './config.js';
import { deliveryLedger } from './deliveries.js';
import { startDigestScheduler } from './digest/digest-scheduler.js';
import { blockModel, blockRepository, proposalModel, proposalRepository } from './digest/proposal-model.js';
import { subscriptionModel, subscriptionRepository } from './digest/subscription-model.js';
import { weekModel, weekRepository } from './digest/week-model.js';
import { onConnectionLinked } from './handlers/connection-linked.js';
import { onBookingCompleted, onProposalUpdated } from './handlers/ledartid-updates.js';
import { onNeedsReauth } from './handlers/needs-reauth.js';
import { onAccountDeleted, onConnectionDisconnected } from './handlers/erasure.js';
import { onSettingsChanged } from './handlers/settings-changed.js';
import { onWeekCompleted } from './handlers/week-completed.js';
import { linkSigner, parseLinkKeys } from './links/link-tokens.js';
import { recipientModel, recipientRepository } from './recipient-model.js';
import { deliveryRoutes } from './routes/deliveries.js';
import { digestLinkRoutes } from './routes/digest-links.js';
import { digestPreviewRoutes } from './routes/digest-preview.js';
import type { NotifierService } from './service-context.js';

export const SERVICE = 'notifier';

const DAY_MS = 24 * 60 * 60 * 1000;

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
    streams: [Streams.calendar, Streams.analysis, Streams.ledartid, Streams.notification, Streams.leader],
  });
  const svc: NotifierService = {
    recipients: recipientRepository(recipientModel(app.db)),
    deliveries: deliveryLedger(app.db),
    erasures: new ErasureLedger(app.db, Collections.erasures),
    subscriptions: subscriptionRepository(subscriptionModel(app.db)),
    weeks: weekRepository(weekModel(app.db)),
    proposals: proposalRepository(proposalModel(app.db)),
    blocks: blockRepository(blockModel(app.db)),
    linkUses: new SideEffectLedger(app.db, Collections.linkUses),
    links: linkSigner(parseLinkKeys(config.LINK_KEYS), config.LINK_TTL_DAYS * DAY_MS),
    mailer,
    // Late-bound: the messaging plugin decorates `publish` when it is registered.
    publish: (...args) => app.publish(...args),
    from: config.MAIL_FROM,
    publicUrl: config.PUBLIC_URL,
    linkBaseUrl: config.LINK_BASE_URL,
    digest: { leaseMs: config.DIGEST_LEASE_SECONDS * 1000, retryMs: config.DIGEST_RETRY_SECONDS * 1000, maxAttempts: config.DIGEST_MAX_ATTEMPTS },
    now,
    log: app.log,
  };
  app.decorate('notifier', svc);
  await app.register(deliveryRoutes, { svc });
  await app.register(digestPreviewRoutes, { svc });
  await app.register(digestLinkRoutes, { svc });

  let stopScheduler: (() => Promise<void>) | undefined;
  app.addHook('onReady', async () => {
    await app.messaging.consume(Consumers.notifier.connectionLinked, onConnectionLinked(svc));
    await app.messaging.consume(Consumers.notifier.needsReauth, onNeedsReauth(svc));
    await app.messaging.consume(Consumers.notifier.connectionDisconnected, onConnectionDisconnected(svc));
    await app.messaging.consume(Consumers.notifier.accountDeleted, onAccountDeleted(svc));
    await app.messaging.consume(Consumers.notifier.settingsChanged, onSettingsChanged(svc));
    await app.messaging.consume(Consumers.notifier.weekCompleted, onWeekCompleted(svc));
    await app.messaging.consume(Consumers.notifier.proposalUpdated, onProposalUpdated(svc));
    await app.messaging.consume(Consumers.notifier.bookingCompleted, onBookingCompleted(svc));
    stopScheduler = startDigestScheduler(svc, config.DIGEST_POLL_SECONDS * 1000, app.log.child({ component: 'digest-scheduler' }));
  });
  // Registered after messaging, so the loop stops (a send in flight finishes) before consumers stop and NATS drains.
  app.addHook('onClose', async () => stopScheduler?.());
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    notifier: NotifierService;
  }
}
