// Builds the Graph client: our auth provider, no SDK RetryHandler (retry.ts is the product's policy), custom hosts for fakes.
import { AuthenticationHandler, Client, HTTPMessageHandler } from '@microsoft/microsoft-graph-client';
import type { TokenSource } from '../provider.js';

export const GRAPH_BASE_URL = 'https://graph.microsoft.com';

/**
 * The default chain would add RetryHandler, which sleeps 3 s+ per 429/503/504 and retries on its own
 * (POSTs included), hiding throttling from withRetry's bounded, jittered policy and from callers that need
 * `rate_limited`. So the chain is just authentication → HTTP; withRetry decides about every retry.
 */
export function createGraphClient(tokens: TokenSource, baseUrl: string): Client {
  const host = new URL(baseUrl).hostname;
  const auth = new AuthenticationHandler({ getAccessToken: () => tokens.accessToken() });
  auth.setNext(new HTTPMessageHandler());
  return Client.initWithMiddleware({
    middleware: auth,
    baseUrl,
    // The client only sends the bearer token to Graph hosts or these (hostname only, no port).
    customHosts: host === 'graph.microsoft.com' ? undefined : new Set([host]),
    defaultVersion: 'v1.0',
  });
}

/** How the adapter's pieces make a Graph request: with token refresh, error mapping and retries applied. */
export type GraphCall = <T>(what: string, request: (client: Client) => Promise<T>) => Promise<T>;
