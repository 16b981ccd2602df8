// The service context `svc`: what the notifier's handlers and routes share: repositories, the mailer, clock and settings.
import type { ErasureLedger, SideEffectLedger } from '@ledarsteg/store';
import type { FastifyBaseLogger } from 'fastify';
import type { Transporter } from 'nodemailer';
import type { RecipientRepository } from './recipient-model.js';

export interface NotifierService {
  recipients: RecipientRepository;
  /** The ledger of emails: the exactly-once guard of every send and the record of what was sent. */
  deliveries: SideEffectLedger;
  /** Hashed marks of erased leaders. */
  erasures: ErasureLedger;
  mailer: Transporter;
  from: string;
  publicUrl: string;
  now: () => Date;
  log: FastifyBaseLogger;
}
