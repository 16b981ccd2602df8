// Shared set-up for the Google fake's tests: a fake with one account and an authorised fetch.
import type { Test } from 'tap';
import { FakeClock, type GoogleFake, startGoogleFake } from '../src/index.js';

export const ACCOUNT = 'leader@example.com';
export const CLIENT = { clientId: 'cid.apps.googleusercontent.com', clientSecret: 's&cret=1', redirectUris: ['http://127.0.0.1/cb'] };

export interface Api {
  fake: GoogleFake;
  token: string;
  call(
    method: string,
    path: string,
    opts?: { query?: Record<string, string | string[]>; body?: unknown; token?: string },
    // biome-ignore lint/suspicious/noExplicitAny: tests probe Google's JSON bodies freely
  ): Promise<{ status: number; body: any; headers: Headers }>;
}

export async function startApi(t: Test, clock = new FakeClock(new Date('2026-01-01T00:00:00Z'))): Promise<Api> {
  const fake = await startGoogleFake({ accounts: [{ email: ACCOUNT, timeZone: 'Europe/Stockholm' }], clients: [CLIENT], clock });
  t.teardown(() => fake.close());
  const token = fake.issueTokens({ clientId: CLIENT.clientId, account: ACCOUNT }).access_token;
  return {
    fake,
    token,
    call: async (method, path, opts = {}) => {
      const url = new URL(path, fake.rootUrl);
      for (const [k, v] of Object.entries(opts.query ?? {})) for (const one of [v].flat()) url.searchParams.append(k, one);
      const res = await fetch(url, {
        method,
        headers: { authorization: `Bearer ${opts.token ?? token}`, ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
    },
  };
}

export const EVENTS = '/calendar/v3/calendars/primary/events';
