// Turns a provider failure into the messaging outcome: retry later (with the provider's delay), give up, or accept.
import { isProviderError, type ProviderError } from '@ledarsteg/calendar';
import { PermanentError, TransientError } from '@ledarsteg/messaging';

/** Retry-After plus up to 20 % (at least 250 ms) of jitter, so throttled connections do not return in lockstep. */
export function retryDelay(err: ProviderError, random = Math.random): number | undefined {
  if (err.retryAfterMs === undefined) return undefined;
  return Math.round(err.retryAfterMs + random() * Math.max(250, err.retryAfterMs * 0.2));
}

/** The error to throw from a handler for `err`; undefined when the message should be acked (invalid_grant). */
export function toHandlerError(err: unknown, what: string): Error | undefined {
  if (!isProviderError(err)) return err instanceof Error ? err : new Error(String(err));
  switch (err.kind) {
    case 'invalid_grant':
      return undefined;
    case 'rate_limited':
    case 'unavailable':
    case 'unauthorized': {
      const delayMs = retryDelay(err);
      return new TransientError(`${what}: provider ${err.kind}`, { cause: err, ...(delayMs === undefined ? {} : { delayMs }) });
    }
    default:
      return new PermanentError(`${what}: provider ${err.kind}`, { cause: err });
  }
}
