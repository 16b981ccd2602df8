// Typed publishing: builds and validates the envelope, then stores it in JetStream with msgID = envelope id for dedup.
import { randomUUID } from 'node:crypto';
import { checkEnvelope, type Envelope, isSubject, type Payload, type Subject } from '@ledarsteg/contracts';
import { jetstream } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import { InvalidEnvelopeError, PublishFailedError, UnknownSubjectError } from './errors.js';
import { Headers } from './headers.js';
import type { MessagingLogger } from './logger.js';
import { checkPrefix, scopedSubject } from './naming.js';

export interface PublishOptions {
  /** Envelope id and JetStream msgID: pass a stable one to make a retried publish a no-op. */
  id?: string;
  /** Defaults to the envelope's own id: a new chain starts here. */
  correlationId?: string;
  /** The id of the message that caused this one. */
  causationId?: string;
  /** Defaults to now. */
  occurredAt?: string;
  /** PubAck timeout. */
  timeoutMs?: number;
}

export interface Published<S extends Subject = Subject> {
  envelope: Envelope<S>;
  /** True when the stream already held this id within its duplicate window, so nothing new was stored. */
  duplicate: boolean;
  stream: string;
  seq: number;
}

export type Publish = <S extends Subject>(subject: S, data: Payload<S>, opts?: PublishOptions) => Promise<Published<S>>;

export interface PublisherOptions {
  logger: MessagingLogger;
  prefix?: string;
}

export function createPublisher(nc: NatsConnection, opts: PublisherOptions): Publish {
  const prefix = checkPrefix(opts.prefix);
  const js = jetstream(nc);
  const log = opts.logger.child({ component: 'publisher' });

  return async function publish<S extends Subject>(subject: S, data: Payload<S>, o: PublishOptions = {}) {
    // Callers from plain JS or untyped data can hand us anything; the contracts decide what goes out.
    if (typeof subject !== 'string' || !isSubject(subject)) throw new UnknownSubjectError(String(subject));
    const id = o.id ?? randomUUID();
    const candidate = {
      id,
      subject,
      occurredAt: o.occurredAt ?? new Date().toISOString(),
      correlationId: o.correlationId ?? id,
      ...(o.causationId === undefined ? {} : { causationId: o.causationId }),
      data,
    };
    const checked = checkEnvelope(subject, candidate);
    if (!checked.ok) throw new InvalidEnvelopeError(subject, checked.errors.join('; '));
    const envelope = checked.envelope;

    const h = headers();
    h.set(Headers.correlationId, envelope.correlationId);
    if (envelope.causationId) h.set(Headers.causationId, envelope.causationId);
    h.set(Headers.contentType, 'application/json');
    const target = scopedSubject(subject, prefix);
    try {
      const ack = await js.publish(target, JSON.stringify(envelope), {
        msgID: envelope.id,
        headers: h,
        ...(o.timeoutMs === undefined ? {} : { timeout: o.timeoutMs }),
      });
      log.debug(
        { msgId: envelope.id, subject, correlationId: envelope.correlationId, seq: ack.seq, duplicate: ack.duplicate },
        'published',
      );
      return { envelope, duplicate: ack.duplicate, stream: ack.stream, seq: ack.seq };
    } catch (err) {
      throw new PublishFailedError(target, { cause: err });
    }
  };
}
