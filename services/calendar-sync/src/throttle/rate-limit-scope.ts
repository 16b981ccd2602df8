// Decides who a provider rate limit applies to: the whole provider app (every connection) or one connection.
import type { ProviderError } from '@ledarsteg/calendar';

export type RateLimitScope = 'app' | 'connection';

/** Google reasons that count against the whole Cloud project rather than one user. */
const GOOGLE_APP_REASONS = new Set(['rateLimitExceeded', 'quotaExceeded']);
/** Graph's code for throttling of the application as a whole (per-mailbox throttling uses other codes). */
const GRAPH_APP_CODES = new Set(['applicationthrottled']);

function googleReason(cause: unknown): string | undefined {
  const data = (cause as { response?: { data?: { error?: { errors?: { reason?: unknown }[] } } } } | undefined)?.response?.data;
  const reason = data?.error?.errors?.[0]?.reason;
  return typeof reason === 'string' ? reason : undefined;
}

function graphCode(cause: unknown): string | undefined {
  const code = (cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code.toLowerCase() : undefined;
}

/**
 * Google: `userRateLimitExceeded` is per user; `rateLimitExceeded`/`quotaExceeded` (403 or 429) are project-wide, and a
 * 429 without a reason is treated as project-wide too. Graph: limits are per app and mailbox, so a 429 pauses the
 * connection, unless Graph says the application itself is throttled.
 */
export function rateLimitScope(provider: 'google' | 'microsoft', err: ProviderError): RateLimitScope {
  if (provider === 'google') {
    const reason = googleReason(err.cause);
    if (reason === 'userRateLimitExceeded') return 'connection';
    if (reason === undefined) return err.status === 429 ? 'app' : 'connection';
    return GOOGLE_APP_REASONS.has(reason) ? 'app' : 'connection';
  }
  const code = graphCode(err.cause);
  return code !== undefined && GRAPH_APP_CODES.has(code) ? 'app' : 'connection';
}
