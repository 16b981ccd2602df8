// Maps Graph client failures to ProviderError kinds, the only failure language calendar-sync speaks.
import { GraphError } from '@microsoft/microsoft-graph-client';
import { ProviderError, parseRetryAfter } from '../provider-error.js';

const SYNC_STATE_CODES = new Set(['syncstatenotfound', 'resyncrequired', 'syncstateinvalid']);
const THROTTLE_CODES = new Set(['activitylimitreached', 'applicationthrottled', 'toomanyrequests']);
/**
 * 403 for a token without the permission the endpoint needs: Outlook resources say ErrorAccessDenied, directory ones
 * Authorization_RequestDenied, and subscriptions wrap the resource's refusal in ExtensionError.
 */
const PERMISSION_CODES = new Set(['erroraccessdenied', 'authorization_requestdenied', 'accessdenied', 'extensionerror']);

export function isGraphStatus(err: unknown, status: number): boolean {
  return err instanceof GraphError && err.statusCode === status;
}

/** Converts anything thrown by a Graph call; ProviderErrors pass through untouched. */
export function toProviderError(err: unknown, what: string): ProviderError {
  if (err instanceof ProviderError) return err;
  if (!(err instanceof GraphError)) return new ProviderError('unavailable', `${what}: request failed`, { cause: err });
  const status = err.statusCode;
  const code = (err.code ?? '').toLowerCase();
  const message = `${what}: ${status} ${err.code ?? ''}`.trim();
  const opts = { status, cause: err };
  if (status === 410 || SYNC_STATE_CODES.has(code)) return new ProviderError('sync_token_invalid', message, opts);
  if (status === 429 || (status === 403 && THROTTLE_CODES.has(code))) {
    const retryAfterMs = parseRetryAfter(err.headers?.get('retry-after'));
    return new ProviderError('rate_limited', message, retryAfterMs === undefined ? opts : { ...opts, retryAfterMs });
  }
  if (status === 401) return new ProviderError('unauthorized', message, opts);
  if (status === 403 && PERMISSION_CODES.has(code)) return new ProviderError('insufficient_scope', message, opts);
  if (status === 404) return new ProviderError('not_found', message, opts);
  if (status === 409 || status === 412) return new ProviderError('conflict', message, opts);
  // The client reports network failures with statusCode -1.
  if (status >= 500 || status <= 0) return new ProviderError('unavailable', message, opts);
  return new ProviderError('rejected', message, opts);
}
