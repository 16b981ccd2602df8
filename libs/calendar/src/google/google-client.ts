// One authorised Calendar v3 call: bearer token from the TokenSource, one refresh on 401, bounded retries.
import { auth, calendar, type calendar_v3 } from '@googleapis/calendar';
import { ProviderError } from '../provider-error.js';
import type { TokenSource } from '../provider.js';
import { type RetryPolicy, defaultRetryPolicy, withRetry } from '../retry.js';
import { statusOf, toProviderError } from './google-errors.js';

export interface GoogleClientOptions {
  tokens: TokenSource;
  /** Default https://www.googleapis.com/ ; a local fake in tests. */
  rootUrl?: string;
  retry?: RetryPolicy;
}

export class GoogleClient {
  readonly api: calendar_v3.Calendar;
  readonly #oauth: InstanceType<typeof auth.OAuth2>;
  readonly #tokens: TokenSource;
  readonly #retry: RetryPolicy;

  constructor(opts: GoogleClientOptions) {
    // No client id, secret or refresh token: the library can never refresh on its own, the TokenSource does.
    this.#oauth = new auth.OAuth2();
    this.#tokens = opts.tokens;
    this.#retry = opts.retry ?? defaultRetryPolicy;
    // gaxios would retry GETs on its own, ignoring Retry-After; withRetry owns all retries instead.
    this.api = calendar({ version: 'v3', auth: this.#oauth, retry: false, ...(opts.rootUrl ? { rootUrl: opts.rootUrl } : {}) });
  }

  /** Runs `call` with a fresh token; safe to repeat only for idempotent calls (inserts use client-chosen ids). */
  run<T>(what: string, call: (api: calendar_v3.Calendar) => Promise<T>): Promise<T> {
    return withRetry(() => this.#authorised(what, call), this.#retry);
  }

  async #authorised<T>(what: string, call: (api: calendar_v3.Calendar) => Promise<T>): Promise<T> {
    this.#oauth.setCredentials({ access_token: await this.#tokens.accessToken() });
    try {
      return await call(this.api);
    } catch (err) {
      if (statusOf(err) !== 401) throw toProviderError(err, what);
    }
    this.#oauth.setCredentials({ access_token: await this.#tokens.refresh() });
    try {
      return await call(this.api);
    } catch (err) {
      const mapped = toProviderError(err, what);
      throw mapped.kind === 'unauthorized' ? new ProviderError('unauthorized', `${mapped.message} (after refresh)`, { status: 401, cause: err }) : mapped;
    }
  }
}
