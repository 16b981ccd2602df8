// Sends one leader's digest for one week, exactly once: a ledger entry on the natural key before, its confirmation after.
import { randomUUID } from 'node:crypto';
import { Subjects } from '@ledarsteg/contracts';
import { composeDigest } from '@ledarsteg/digest';
import type { FastifyBaseLogger } from 'fastify';
import type { NotifierService } from '../service-context.js';
import { classifySmtpFailure, type SmtpFailure } from '../smtp-failure.js';
import { digestKey, digestMessageId } from './digest-key.js';
import { prepareDigest } from './prepare-digest.js';
import type { DigestSubscription } from './subscription-model.js';

export type DigestRun =
  | { status: 'sent'; messageId: string; announced: boolean }
  | { status: 'already-sent' }
  | { status: 'no-analysis' }
  | { status: 'no-address' }
  | { status: 'busy' }
  | { status: 'failed'; failure: SmtpFailure };

/** What a digest's ledger entry records: never the address or the contents. */
export interface DigestDeliveryResult {
  userId: string;
  kind: 'digest';
  week: string;
  messageId: string;
  status: 'sent' | 'failed';
  code?: string;
  step?: unknown;
  /** False until notification.digest.sent.v1 was accepted by JetStream. */
  announced?: boolean;
  [key: string]: unknown;
}

export async function sendDigest(svc: NotifierService, sub: DigestSubscription, week: string, log: FastifyBaseLogger): Promise<DigestRun> {
  const { userId } = sub;
  const now = svc.now();
  const address = sub.email ?? (await svc.recipients.byId(userId))?.email;
  if (!address) return { status: 'no-address' };
  const prepared = await prepareDigest(svc, sub, week, now);
  if (!prepared) return { status: 'no-analysis' };

  const key = digestKey(userId, week);
  const messageId = digestMessageId(key, svc.from);
  const owner = randomUUID();
  // Written before the send: from here on, no other instance or redelivery sends this digest while the lease holds.
  const claim = await svc.deliveries.claim(key, owner, svc.digest.leaseMs, now);
  if (claim.status === 'done') return { status: 'already-sent' };
  if (claim.status === 'busy') return { status: 'busy' };
  if (claim.entry.attempts > 1) log.warn({ userId, week, attempts: claim.entry.attempts }, 'digest claimed again: sent with the same Message-ID');

  let failure: SmtpFailure | undefined;
  try {
    const mail = await composeDigest(prepared.model);
    await svc.mailer.sendMail({
      from: svc.from,
      to: address,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      attachments: mail.attachments,
      headers: { ...mail.headers },
      messageId,
    });
  } catch (err) {
    failure = classifySmtpFailure(err);
  }
  if (failure) {
    if (failure.permanent) {
      // Refused for good: recorded as done, so it is never retried, and shown among the leader's deliveries.
      const result: DigestDeliveryResult = { userId, kind: 'digest', week, messageId, status: 'failed', code: failure.code };
      await svc.deliveries.complete(key, owner, result, svc.now());
      await svc.publish(Subjects.emailFailed, { userId, kind: 'digest', key, code: failure.code, permanent: true, failedAt: svc.now().toISOString() }, { id: `email-failed-${key}` }).catch((err: unknown) => log.warn({ err }, 'failure not announced'));
    } else {
      await svc.deliveries.release(key, owner);
    }
    log.warn({ userId, week, code: failure.code, permanent: failure.permanent }, 'digest not sent');
    return { status: 'failed', failure };
  }
  // The mail is out: confirm it. A crash before this line leaves the claim to lapse and the digest is sent again,
  // with the same Message-ID, by whichever instance takes the lapsed claim over.
  const result: DigestDeliveryResult = { userId, kind: 'digest', week, messageId, status: 'sent', step: prepared.step, announced: false };
  await svc.deliveries.complete(key, owner, result, svc.now());
  const announced = await announce(svc, key, result, log);
  log.info({ userId, week }, 'digest sent');
  return { status: 'sent', messageId, announced };
}

/** Publishes notification.digest.sent.v1 for a confirmed send; its id is derived from the key, so a repeat is dropped. */
export async function announce(svc: NotifierService, key: string, result: DigestDeliveryResult, log: FastifyBaseLogger): Promise<boolean> {
  const entry = await svc.deliveries.get(key);
  try {
    await svc.publish(
      Subjects.digestSent,
      { userId: result.userId, week: result.week, digestId: key, messageId: result.messageId, sentAt: (entry?.doneAt ?? svc.now()).toISOString() },
      { id: `digest-sent-${key}` },
    );
    await svc.deliveries.model.updateOne({ key, state: 'done' }, { $set: { 'result.announced': true } }).exec();
    return true;
  } catch (err) {
    // Left unannounced: the scheduler's next round publishes it.
    log.warn({ err, userId: result.userId, week: result.week }, 'digest sent but not yet announced');
    return false;
  }
}

const ANNOUNCE_BATCH = 100;

/** Announces digests sent but never announced (the process died or NATS was away in between); true when none is left. */
export async function announcePending(svc: NotifierService, log: FastifyBaseLogger): Promise<boolean> {
  const pending = await svc.deliveries.model.find({ state: 'done', 'result.kind': 'digest', 'result.announced': false }).limit(ANNOUNCE_BATCH).lean().exec();
  let allAnnounced = pending.length < ANNOUNCE_BATCH;
  for (const entry of pending) if (!(await announce(svc, entry.key, entry.result as DigestDeliveryResult, log))) allAnnounced = false;
  return allAnnounced;
}
