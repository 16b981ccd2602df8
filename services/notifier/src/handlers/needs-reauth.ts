// A broken calendar connection sends its leader one reconnect email, exactly once per breakage.
import { randomUUID } from 'node:crypto';
import type { Envelope } from '@ledarsteg/contracts';
import { type HandlerContext, TransientError } from '@ledarsteg/messaging';
import { erasedLedgerKey } from '@ledarsteg/store';
import { type DeliveryResult, reauthKey } from '../deliveries.js';
import { NotifierErrors } from '../errors.js';
import { composeReauthEmail, reconnectLink } from '../reauth-email.js';
import type { NotifierService } from '../service-context.js';

/** How long a claim protects a send in progress before another worker may take it over. */
const LEASE_MS = 5 * 60_000;

function smtpFailure(err: unknown): Error {
  const { code, responseCode, command } = (err ?? {}) as { code?: unknown; responseCode?: unknown; command?: unknown };
  const parts = [code, command, responseCode].filter((p) => typeof p === 'string' || typeof p === 'number');
  return new Error(`SMTP failure ${parts.join(' ') || 'without a code'}`);
}

export function onNeedsReauth(svc: NotifierService) {
  return async (envelope: Envelope<'calendar.connection.needs-reauth.v1'>, msg: HandlerContext): Promise<void> => {
    const { userId, connectionId, provider, detectedAt } = envelope.data;
    const key = reauthKey(connectionId, detectedAt);
    const log = msg.log.child({ userId, connectionId, kind: 'needs-reauth' });

    if (await svc.erasures.erasedSince('leader', userId, new Date(envelope.occurredAt))) {
      log.info('breakage from before the leader was erased: nobody to write to');
      return;
    }
    if (await svc.deliveries.get(erasedLedgerKey(key))) {
      log.info('reauth email already sent (its record is anonymised); not sending again');
      return;
    }
    const recipient = await svc.recipients.byId(userId);
    if (!recipient) {
      // The link message travels on its own consumer and may simply not have arrived yet.
      throw new TransientError(`no recipient yet for ${userId}`);
    }

    const owner = `${envelope.id}:${msg.deliveryCount}:${randomUUID()}`;
    const claim = await svc.deliveries.claim(key, owner, LEASE_MS, svc.now());
    if (claim.status === 'done') {
      log.info('reauth email already sent; not sending again');
      return;
    }
    if (claim.status === 'busy') throw new TransientError('another worker is sending this email');

    const email = composeReauthEmail({ displayName: recipient.displayName, provider, link: reconnectLink(svc.publicUrl, provider) });
    let messageId: string;
    try {
      const info = await svc.mailer.sendMail({ from: svc.from, to: recipient.email, ...email });
      messageId = String(info.messageId ?? '');
    } catch (err) {
      await svc.deliveries.release(key, owner);
      // SMTP replies can quote the address: only the codes travel on, into logs and dead letters.
      const cause = smtpFailure(err);
      log.warn({ cause: cause.message }, 'reauth email not sent; will retry');
      throw new NotifierErrors.sendFailed('needs-reauth', { cause });
    }
    const result: DeliveryResult = { userId, kind: 'needs-reauth', messageId };
    // The email is out: from here on a failure must not release the claim, or a retry would send it twice.
    await svc.deliveries.complete(key, owner, result, svc.now());
    log.info({ messageId }, 'reauth email sent');
  };
}
