// Provider failures in the few kinds calendar-sync acts on differently.
export type ProviderErrorKind =
  /** 410 fullSyncRequired / syncStateNotFound / resyncRequired: do a full, reconciling resync. */
  | 'sync_token_invalid'
  /** Still 401 after one refresh. */
  | 'unauthorized'
  /** The grant is dead (revoked, expired): the leader must reconnect. */
  | 'invalid_grant'
  /** The grant lacks a scope the call needs (Google 403 insufficientPermissions, Graph 403 access denied): reconnect and grant it. */
  | 'insufficient_scope'
  /** 403/429 usage limits; `retryAfterMs` when the provider said. */
  | 'rate_limited'
  /** 5xx or network failure after bounded retries. */
  | 'unavailable'
  | 'not_found'
  | 'conflict'
  /** Anything else the provider rejected (4xx): retrying will not help. */
  | 'rejected'
  /** The provider answered with something we could not understand. */
  | 'bad_response';

export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  readonly status?: number;
  readonly retryAfterMs?: number;

  constructor(kind: ProviderErrorKind, message: string, opts: { status?: number; retryAfterMs?: number; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'ProviderError';
    this.kind = kind;
    if (opts.status !== undefined) this.status = opts.status;
    if (opts.retryAfterMs !== undefined) this.retryAfterMs = opts.retryAfterMs;
  }

  get retryable(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'unavailable';
  }
}

export function isProviderError(err: unknown): err is ProviderError {
  return err instanceof ProviderError;
}

/** Parses a Retry-After header (seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
