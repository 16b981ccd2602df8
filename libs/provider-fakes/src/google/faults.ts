// Fault switches: make the next N matching requests fail (or wait) the way Google does under load or outage.
import { GoogleApiError } from './errors.js';

export type FaultKind = 'rateLimitExceeded' | 'userRateLimitExceeded' | 'quotaExceeded' | 'tooManyRequests' | 'backendError' | 'delay';

export interface FaultSpec {
  kind: FaultKind;
  /** How many matching requests are hit; default 1. */
  times?: number;
  /** Only requests acting for this account. */
  account?: string;
  /** Only this operation, e.g. `events.list`, `events.insert`, `oauth.token`. */
  operation?: string;
  method?: string;
  /** Seconds for a Retry-After header (rate limits only). */
  retryAfterSeconds?: number;
  /** For `delay`: how long to hold the request before answering normally. */
  delayMs?: number;
}

interface ArmedFault extends FaultSpec {
  remaining: number;
}

export interface FaultTarget {
  operation: string;
  method: string;
  account?: string;
}

export class FaultSwitches {
  readonly #armed: ArmedFault[] = [];

  add(spec: FaultSpec): void {
    const times = spec.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new RangeError('times must be a positive integer');
    this.#armed.push({ ...spec, remaining: times });
  }

  clear(): void {
    this.#armed.length = 0;
  }

  /** Consumes the first armed fault that matches; returns the error to send and any delay to apply first. */
  take(target: FaultTarget): { error?: GoogleApiError; delayMs: number } {
    const index = this.#armed.findIndex(
      (f) =>
        (f.operation === undefined || f.operation === target.operation) &&
        (f.method === undefined || f.method.toUpperCase() === target.method) &&
        (f.account === undefined || f.account === target.account),
    );
    const fault = this.#armed[index];
    if (!fault) return { delayMs: 0 };
    if (--fault.remaining === 0) this.#armed.splice(index, 1);
    if (fault.kind === 'delay') return { delayMs: fault.delayMs ?? 0 };
    return { error: errorFor(fault), delayMs: 0 };
  }
}

function errorFor(fault: ArmedFault): GoogleApiError {
  const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
  switch (fault.kind) {
    case 'rateLimitExceeded':
      return new GoogleApiError(403, { domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' }, headers);
    case 'userRateLimitExceeded':
      return new GoogleApiError(403, { domain: 'usageLimits', reason: 'userRateLimitExceeded', message: 'User Rate Limit Exceeded' }, headers);
    case 'quotaExceeded':
      return new GoogleApiError(403, { domain: 'usageLimits', reason: 'quotaExceeded', message: 'Calendar usage limits exceeded.' }, headers);
    case 'tooManyRequests':
      return new GoogleApiError(429, { domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' }, headers);
    default:
      return new GoogleApiError(500, { domain: 'global', reason: 'backendError', message: 'Backend Error' });
  }
}
