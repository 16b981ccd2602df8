// Runs a durable pull consumer: validates each message, runs the handler, then acks, naks with backoff or dead-letters.
import { checkEnvelope, type ConsumerDefinition, type Envelope, type Subject } from '@ledarsteg/contracts';
import { type ConsumerMessages, type JsMsg, jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { ConsumerStartFailedError, InvalidOptionsError, PermanentError, TransientError } from './errors.js';
import { type DeadLetterReason, deadLetter } from './dead-letter.js';
import type { MessagingLogger } from './logger.js';
import { checkPrefix, scopedDurable, scopedStreamName } from './naming.js';

export interface HandlerContext {
  /** Child logger carrying msgId, subject, correlationId and deliveryCount. */
  log: MessagingLogger;
  /** 1 on first delivery. */
  deliveryCount: number;
  /** Aborted when stop() gives up waiting for this handler. */
  signal: AbortSignal;
}

export type Handler<S extends Subject> = (envelope: Envelope<S>, ctx: HandlerContext) => Promise<void> | void;

export interface StartConsumerOptions {
  logger: MessagingLogger;
  /** Name of the service running the consumer, written on dead letters. */
  service: string;
  prefix?: string;
  /** Handlers running at once. Default 1. */
  concurrency?: number;
  /**
   * How long stop() waits for running handlers before aborting them (their `signal`); an aborted handler gets a
   * further 2.5 s to wind down (a sync finishes its page and releases its lease), and its message is handed back
   * for redelivery. Default 1 s, so a process stops within its 5 s.
   */
  stopTimeoutMs?: number;
}

export interface ConsumerStats {
  processed: number;
  failed: number;
  poison: number;
  deadLettered: number;
  inFlight: number;
}

export interface RunningConsumer {
  /** Stops pulling, waits (bounded) for running handlers, then resolves. */
  stop(): Promise<void>;
  /** A snapshot of the counters. */
  readonly stats: ConsumerStats;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export const DEFAULT_STOP_TIMEOUT_MS = 1_000;
/** After aborting, how long stop() still waits for handlers to notice, so they nak and release while connections are open. */
const ABORT_GRACE_MS = 2_500;

/** The redelivery delay after the `deliveryCount`-th failure; the last entry repeats. */
export function backoffDelay(backoffMs: readonly number[], deliveryCount: number): number {
  if (backoffMs.length === 0) return 0;
  return backoffMs[Math.min(Math.max(deliveryCount, 1), backoffMs.length) - 1] ?? 0;
}

function describe(err: unknown): string {
  // Only the error's kind travels onto dead letters: messages may quote user data.
  if (err instanceof Error) return (err as Error & { code?: unknown }).code?.toString() ?? err.name;
  return typeof err;
}

export async function startConsumer<S extends Subject>(
  nc: NatsConnection,
  def: ConsumerDefinition & { subject: S },
  handler: Handler<S>,
  opts: StartConsumerOptions,
): Promise<RunningConsumer> {
  const prefix = checkPrefix(opts.prefix);
  const concurrency = opts.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new InvalidOptionsError('concurrency must be >= 1');
  if (!opts.service) throw new InvalidOptionsError('service is required');
  const stopTimeoutMs = opts.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
  const stream = scopedStreamName(def.stream.name, prefix);
  const durable = scopedDurable(def.durable, prefix);
  const log = opts.logger.child({ component: 'consumer', durable, stream });
  const js = jetstream(nc);

  let messages: ConsumerMessages;
  try {
    const consumer = await js.consumers.get(stream, durable);
    // Pull no more than we can run, so a stopped or crashed instance strands few messages.
    messages = await consumer.consume({ max_messages: concurrency });
  } catch (err) {
    throw new ConsumerStartFailedError(`${stream}/${durable}`, { cause: err });
  }

  const counts = { processed: 0, failed: 0, poison: 0, deadLettered: 0 };
  const running = new Set<Promise<void>>();
  const aborter = new AbortController();
  let stopping = false;

  async function fileDeadLetter(m: JsMsg, reason: DeadLetterReason, error: string): Promise<void> {
    try {
      await deadLetter(js, m, { reason, error, durable: def.durable, service: opts.service }, prefix);
    } catch (err) {
      // Never term what we could not file: let JetStream redeliver it instead of losing it.
      log.error({ err, seq: m.info.streamSequence, reason }, 'dead-lettering failed; message left for redelivery');
      m.nak(backoffDelay(def.backoffMs, m.info.deliveryCount));
      return;
    }
    m.term();
    counts.deadLettered++;
  }

  async function handle(m: JsMsg): Promise<void> {
    const deliveryCount = m.info.deliveryCount;
    const seq = m.info.streamSequence;
    const msgId = m.headers?.get('Nats-Msg-Id') || undefined;
    let value: unknown;
    try {
      value = JSON.parse(utf8.decode(m.data));
    } catch {
      counts.poison++;
      log.warn({ msgId, subject: m.subject, seq, errors: ['payload is not UTF-8 JSON'] }, 'poison message');
      return fileDeadLetter(m, 'invalid-json', 'payload is not UTF-8 JSON');
    }
    const checked = checkEnvelope(def.subject, value);
    if (!checked.ok) {
      counts.poison++;
      log.warn({ msgId, subject: m.subject, seq, errors: checked.errors }, 'poison message');
      return fileDeadLetter(m, 'invalid-envelope', checked.errors.join('; '));
    }
    const envelope = checked.envelope;
    const msgLog = log.child({
      msgId: envelope.id,
      subject: envelope.subject,
      correlationId: envelope.correlationId,
      deliveryCount,
    });
    // Keep the server from redelivering work that is still running.
    const heartbeat = setInterval(() => {
      try {
        m.working();
      } catch {
        // Connection gone: the server will redeliver after ack_wait, which is the point of it.
      }
    }, Math.max(100, Math.floor(def.ackWaitMs / 3)));
    heartbeat.unref();
    try {
      await handler(envelope, { log: msgLog, deliveryCount, signal: aborter.signal });
    } catch (err) {
      clearInterval(heartbeat);
      counts.failed++;
      if (aborter.signal.aborted) {
        // Cut short by stop(), not a failure of the message: whatever its delivery count, it comes back at once.
        msgLog.info({ err }, 'handler aborted by shutdown; message handed back for redelivery');
        m.nak();
        return;
      }
      if (err instanceof PermanentError) {
        msgLog.warn({ err }, 'handler failed permanently; dead-lettering');
        return fileDeadLetter(m, 'permanent-error', describe(err));
      }
      if (deliveryCount >= def.maxDeliver) {
        msgLog.error({ err, maxDeliver: def.maxDeliver }, 'last delivery failed; dead-lettering');
        return fileDeadLetter(m, 'max-deliver', describe(err));
      }
      const delay =
        err instanceof TransientError && err.delayMs !== undefined
          ? err.delayMs
          : backoffDelay(def.backoffMs, deliveryCount);
      msgLog.warn({ err, delayMs: delay }, 'handler failed; will retry');
      m.nak(delay);
      return;
    }
    clearInterval(heartbeat);
    try {
      // Wait for the server to confirm, so stop() only resolves once finished work is really acked.
      await m.ackAck();
    } catch (err) {
      msgLog.warn({ err }, 'ack not confirmed; the message may be redelivered');
    }
    counts.processed++;
  }

  function track(m: JsMsg): void {
    const p = handle(m)
      .catch((err) => log.error({ err, seq: m.info.streamSequence }, 'message handling crashed'))
      .finally(() => running.delete(p));
    running.add(p);
  }

  const loop = (async () => {
    for await (const m of messages) {
      while (running.size >= concurrency && !stopping) await Promise.race(running);
      if (stopping) {
        // Pulled but never started: hand it back at once rather than after ack_wait.
        try {
          m.nak();
        } catch {
          // Closed connection: ack_wait hands it back anyway.
        }
        continue;
      }
      track(m);
    }
  })().catch((err) => log.error({ err }, 'consumer loop failed'));

  void (async () => {
    for await (const s of messages.status()) {
      if (s.type === 'heartbeats_missed' || s.type === 'consumer_not_found' || s.type === 'consumer_deleted') {
        log.warn({ event: s.type }, 'consumer status');
      } else {
        log.trace({ event: s.type }, 'consumer status');
      }
    }
  })().catch(() => undefined);

  log.info({ concurrency }, 'consumer started');

  /** True when every running handler finished within `ms`. */
  async function settled(ms: number): Promise<boolean> {
    if (running.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const done = await Promise.race([
      Promise.allSettled([...running]).then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), ms);
      }),
    ]);
    clearTimeout(timer);
    return done;
  }

  let stopped: Promise<void> | undefined;
  async function stop(): Promise<void> {
    stopping = true;
    await messages.close().catch((err: unknown) => log.warn({ err }, 'closing the pull subscription failed'));
    await loop;
    if (!(await settled(stopTimeoutMs))) {
      log.warn({ inFlight: running.size }, 'stop timed out; aborting handlers, their messages will be redelivered');
      aborter.abort();
      if (!(await settled(ABORT_GRACE_MS))) log.warn({ inFlight: running.size }, 'handlers ignored the abort; ack_wait hands their messages back');
    }
    log.info({ ...counts }, 'consumer stopped');
  }

  return {
    stop() {
      stopped ??= stop();
      return stopped;
    },
    get stats() {
      return { ...counts, inFlight: running.size };
    },
  };
}
