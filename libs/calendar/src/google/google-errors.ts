// Maps what gaxios throws for a Calendar v3 call to the ProviderError kinds calendar-sync acts on.
import { ProviderError, parseRetryAfter } from '../provider-error.js';

interface GaxiosLike {
  status?: number;
  code?: string;
  response?: { status?: number; headers?: unknown; data?: unknown };
}

function headerOf(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const v = (headers as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : undefined;
}

/** Google's error reason, read from the body because gaxios 7 no longer sets `err.errors`. */
export function googleReason(err: unknown): string | undefined {
  const data = (err as GaxiosLike | undefined)?.response?.data as { error?: { errors?: { reason?: unknown }[] } } | undefined;
  const reason = data?.error?.errors?.[0]?.reason;
  return typeof reason === 'string' ? reason : undefined;
}

export function statusOf(err: unknown): number | undefined {
  const e = err as GaxiosLike | undefined;
  const status = e?.response?.status ?? e?.status;
  return typeof status === 'number' ? status : undefined;
}

const USAGE_LIMITS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded']);
/** 403 for a token whose scopes do not cover the method (errors[0].reason; the newer ErrorInfo says ACCESS_TOKEN_SCOPE_INSUFFICIENT). */
const SCOPE_REASONS = new Set(['insufficientPermissions', 'ACCESS_TOKEN_SCOPE_INSUFFICIENT']);

export function toProviderError(err: unknown, what: string): ProviderError {
  if (err instanceof ProviderError) return err;
  const status = statusOf(err);
  const reason = googleReason(err);
  const opts = { cause: err, ...(status !== undefined ? { status } : {}) };
  const message = `google ${what}: ${status ?? 'network'} ${reason ?? (err as Error)?.message ?? ''}`.trim();
  if (status === undefined) return new ProviderError('unavailable', message, opts);
  if (status === 410 && (reason === 'fullSyncRequired' || reason === 'updatedMinTooLongAgo')) {
    return new ProviderError('sync_token_invalid', message, opts);
  }
  if (status === 429 || (status === 403 && reason !== undefined && USAGE_LIMITS.has(reason))) {
    const retryAfterMs = parseRetryAfter(headerOf((err as GaxiosLike).response?.headers, 'retry-after'));
    return new ProviderError('rate_limited', message, { ...opts, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
  }
  if (status === 403 && reason !== undefined && SCOPE_REASONS.has(reason)) return new ProviderError('insufficient_scope', message, opts);
  if (status >= 500) return new ProviderError('unavailable', message, opts);
  if (status === 401) return new ProviderError('unauthorized', message, opts);
  if (status === 404 || (status === 410 && reason === 'deleted')) return new ProviderError('not_found', message, opts);
  if (status === 409) return new ProviderError('conflict', message, opts);
  return new ProviderError('rejected', message, opts);
}
