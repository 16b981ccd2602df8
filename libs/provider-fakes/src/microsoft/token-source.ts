// A token source for tests and the demo that refreshes through the fake's real token endpoint (rotating refresh tokens).
import type { MicrosoftFake } from './fake-handle.js';

export interface FakeTokenSource {
  accessToken(): Promise<string>;
  /** POSTs grant_type=refresh_token (HTTP Basic client auth) and keeps the rotated refresh token. */
  refresh(): Promise<string>;
  /** How many refreshes were made. */
  readonly refreshes: number;
  /** Replaces the cached access token, e.g. with a bogus one to provoke a 401. */
  setAccessToken(token: string): void;
}

export interface FakeTokenSourceOptions {
  clientId: string;
  clientSecret: string;
  accessToken: string;
  refreshToken: string;
  tenant?: string;
}

export class InvalidGrantError extends Error {
  readonly code = 'invalid_grant';
  override readonly name = 'InvalidGrantError';
}

export function createFakeTokenSource(fake: Pick<MicrosoftFake, 'authority'>, opts: FakeTokenSourceOptions): FakeTokenSource {
  let access = opts.accessToken;
  let refreshToken = opts.refreshToken;
  let refreshes = 0;
  const basic = Buffer.from(`${encodeURIComponent(opts.clientId)}:${encodeURIComponent(opts.clientSecret)}`).toString('base64');
  return {
    accessToken: async () => access,
    async refresh() {
      refreshes++;
      const res = await fetch(`${fake.authority(opts.tenant)}/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
      });
      const body = (await res.json()) as Record<string, unknown>;
      if (body['error'] === 'invalid_grant') throw new InvalidGrantError(String(body['error_description']));
      if (!res.ok || typeof body['access_token'] !== 'string') throw new Error(`token endpoint answered ${res.status}`);
      access = body['access_token'];
      if (typeof body['refresh_token'] === 'string') refreshToken = body['refresh_token'];
      return access;
    },
    get refreshes() {
      return refreshes;
    },
    setAccessToken(token) {
      access = token;
    },
  };
}
