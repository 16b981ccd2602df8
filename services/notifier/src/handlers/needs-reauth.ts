// A broken calendar connection sends its leader one reconnect email, exactly once per breakage.
import { randomUUID } from 'node:crypto';
import type { Envelope } from '@ledarsteg/contracts';
import { type HandlerContext, TransientError } from '@ledarsteg/messaging';
import type { SideEffectLedger } from '@ledarsteg/store';
import type { Model } from 'mongoose';
import type { Transporter } from 'nodemailer';
import { type DeliveryResult, reauthKey } from '../deliveries.js';
import { NotifierErrors } from '../errors.js';
import { composeReauthEmail, reconnectLink } from '../reauth-email.js';
import type { Recipient } from '../recipient-model.js';

export interface NeedsReauthDeps {
  recipients: Model<Recipient>;
  ledger: SideEffectLedger;
  mailer: Transporter;
  from: string;
  publicUrl: string;
  now: () => Date;
  /** How long a claim protects a send in progress before another worker may take it over. */
  leaseMs?: number;
}

function smtpFailure(err: unknown): Error {
  const { code, responseCode, command } = (err ?? {}) as { code?: unknown; responseCode?: unknown; command?: unknown };
  const parts = [code, command, responseCode].filter((p) => typeof p === 'string' || typeof p === 'number');
  return new Error(`SMTP failure ${parts.join(' ') || 'without a code'}`);
}

export function onNeedsReauth(deps: NeedsReauthDeps) {
  const leaseMs = deps.leaseMs ?? 5 * 60_000;
  return async (envelope: Envelope<'calendar.connection.needs-reauth.v1'>, ctx: HandlerContext): Promise<void> => {
    const { userId, connectionId, provider, detectedAt } = envelope.data;
    const key = reauthKey(connectionId, detectedAt);
    const log = ctx.log.child({ userId, connectionId, kind: 'needs-reauth' });

    const recipient = await deps.recipients.findOne({ userId }).lean<Recipient>().exec();
    if (!recipient) {
      // The link message travels on its own consumer and may simply not have arrived yet.
      throw new TransientError(`no recipient yet for ${userId}`);
    }

    const owner = `${envelope.id}:${ctx.deliveryCount}:${randomUUID()}`;
    const claim = await deps.ledger.claim(key, owner, leaseMs, deps.now());
    if (claim.status === 'done') {
      log.info('reauth email already sent; not sending again');
      return;
    }
    if (claim.status === 'busy') throw new TransientError('another worker is sending this email');

    const email = composeReauthEmail({ displayName: recipient.displayName, provider, link: reconnectLink(deps.publicUrl, provider) });
    let messageId: string;
    try {
      const info = await deps.mailer.sendMail({ from: deps.from, to: recipient.email, ...email });
      messageId = String(info.messageId ?? '');
    } catch (err) {
      await deps.ledger.release(key, owner);
      // SMTP replies can quote the address: only the codes travel on, into logs and dead letters.
      const cause = smtpFailure(err);
      log.warn({ cause: cause.message }, 'reauth email not sent; will retry');
      throw new NotifierErrors.sendFailed('needs-reauth', { cause });
    }
    const result: DeliveryResult = { userId, kind: 'needs-reauth', messageId };
    // The email is out: from here on a failure must not release the claim, or a retry would send it twice.
    await deps.ledger.complete(key, owner, result, deps.now());
    log.info({ messageId }, 'reauth email sent');
  };
}
