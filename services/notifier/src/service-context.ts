// The service context `svc`: what the notifier's handlers and routes share: repositories, the mailer, clock and settings.
import type { Publish } from '@ledarsteg/messaging';
import type { ErasureLedger, SideEffectLedger } from '@ledarsteg/store';
import type { FastifyBaseLogger } from 'fastify';
import type { Transporter } from 'nodemailer';
import type { BlockRepository, ProposalRepository } from './digest/proposal-model.js';
import type { SubscriptionRepository } from './digest/subscription-model.js';
import type { WeekRepository } from './digest/week-model.js';
import type { LinkSigner } from './links/link-tokens.js';
import type { RecipientRepository } from './recipient-model.js';

export interface NotifierService {
  recipients: RecipientRepository;
  /** The ledger of emails: the exactly-once guard of every send and the record of what was sent. */
  deliveries: SideEffectLedger;
  /** Hashed marks of erased leaders. */
  erasures: ErasureLedger;
  subscriptions: SubscriptionRepository;
  weeks: WeekRepository;
  proposals: ProposalRepository;
  blocks: BlockRepository;
  /** Signed links already used. */
  linkUses: SideEffectLedger;
  links: LinkSigner;
  mailer: Transporter;
  publish: Publish;
  from: string;
  publicUrl: string;
  /** Where the notifier's own pages are reached from a mail. */
  linkBaseUrl: string;
  digest: { leaseMs: number; retryMs: number; maxAttempts: number };
  now: () => Date;
  log: FastifyBaseLogger;
}
