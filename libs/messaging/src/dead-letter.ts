// Copies a message that cannot be handled into the DEADLETTER stream, with headers saying where it came from and why.
import { deadLetterSubject } from '@ledarsteg/contracts';
import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';
import { Headers } from './headers.js';
import { scopedSubject } from './naming.js';

export type DeadLetterReason = 'invalid-json' | 'invalid-envelope' | 'permanent-error' | 'max-deliver';

export interface DeadLetterNote {
  reason: DeadLetterReason;
  /** Short, payload-free description: schema paths or an error code, never message content. */
  error: string;
  durable: string;
  service: string;
}

const MAX_ERROR_HEADER = 500;

/** Publishes the raw payload unchanged; resolves once the DEADLETTER stream has stored it. */
export async function deadLetter(
  js: JetStreamClient,
  m: JsMsg,
  note: DeadLetterNote,
  prefix: string | undefined,
): Promise<void> {
  const h = headers();
  h.set(Headers.originalSubject, m.subject);
  h.set(Headers.stream, m.info.stream);
  h.set(Headers.streamSequence, String(m.info.streamSequence));
  h.set(Headers.durable, note.durable);
  h.set(Headers.deliveryCount, String(m.info.deliveryCount));
  h.set(Headers.reason, note.reason);
  h.set(Headers.error, note.error.replace(/[\r\n]+/g, ' ').slice(0, MAX_ERROR_HEADER));
  h.set(Headers.service, note.service);
  const correlationId = m.headers?.get(Headers.correlationId);
  if (correlationId) h.set(Headers.correlationId, correlationId);
  await js.publish(scopedSubject(deadLetterSubject(note.durable), prefix), m.data, {
    headers: h,
    // A retry after a lost term() must not file the same message twice.
    msgID: `${m.info.stream}:${m.info.streamSequence}:${note.durable}`,
  });
}
