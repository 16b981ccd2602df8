// Coded errors of the messaging library, and the two errors a handler throws to steer redelivery.
import createError from '@fastify/error';

/** Passed last to a coded error to chain the underlying one. */
type Cause = { cause: unknown };

export const InvalidEnvelopeError = createError<[string, string]>(
  'MSG_ERR_INVALID_ENVELOPE',
  'Refusing to publish an invalid %s envelope: %s',
);
export const UnknownSubjectError = createError<[string]>('MSG_ERR_UNKNOWN_SUBJECT', 'Unknown subject %s');
export const InvalidPrefixError = createError<[string]>(
  'MSG_ERR_INVALID_PREFIX',
  'Invalid name prefix %s: use 1-32 letters, digits or dashes',
);
export const PublishFailedError = createError<[string, Cause?]>('MSG_ERR_PUBLISH_FAILED', 'Publishing to %s failed');
export const EnsureFailedError = createError<[string, Cause?]>('MSG_ERR_ENSURE_FAILED', 'Could not create or update %s');
export const ConnectFailedError = createError<[string, Cause?]>('MSG_ERR_CONNECT_FAILED', 'Could not connect to NATS at %s');
export const InvalidOptionsError = createError<[string]>('MSG_ERR_INVALID_OPTIONS', 'Invalid messaging options: %s');

/** Thrown by a handler when a retry may succeed (a timeout, a 503): the message is nak'ed with backoff. */
export class TransientError extends Error {
  readonly code = 'MSG_ERR_TRANSIENT';
  /** Overrides the consumer's backoff for this redelivery. */
  readonly delayMs: number | undefined;
  constructor(message: string, opts: { delayMs?: number; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'TransientError';
    this.delayMs = opts.delayMs;
  }
}

/** Thrown by a handler when no retry can succeed: the message is dead-lettered at once. */
export class PermanentError extends Error {
  readonly code = 'MSG_ERR_PERMANENT';
  constructor(message: string, opts: { cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'PermanentError';
  }
}

export const ConsumerStartFailedError = createError<[string, Cause?]>(
  'MSG_ERR_CONSUMER_START_FAILED',
  'Could not start consuming from %s',
);
