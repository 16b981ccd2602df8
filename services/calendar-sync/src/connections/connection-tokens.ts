// TokenSource for one stored connection: decrypts, refreshes 5 minutes early, keeps or rotates refresh tokens, detects dead grants.
import { ProviderError, type TokenSource } from '@ledarsteg/calendar';
import type { Publish } from '@ledarsteg/messaging';
import type { FastifyBaseLogger } from 'fastify';
import type { TokenCipher } from '../tokens/token-cipher.js';
import type { StoredConnection } from './connection-model.js';
import type { ConnectionRepository } from './connection-repository.js';
import type { OAuthEndpoints } from './provider-endpoints.js';
import { markNeedsReauth } from './reauth.js';

export const EARLY_REFRESH_MS = 5 * 60_000;

export interface ConnectionTokenDeps {
  connections: ConnectionRepository;
  cipher: TokenCipher;
  publish: Publish;
  endpoints: OAuthEndpoints;
  now: () => Date;
  log: FastifyBaseLogger;
}

interface TokenResponse {
  access_token?: unknown;
  refresh_token?: unknown;
  expires_in?: unknown;
  error?: unknown;
}

export class ConnectionTokenSource implements TokenSource {
  #inFlight: Promise<string> | undefined;

  constructor(
    private readonly connectionId: string,
    private readonly deps: ConnectionTokenDeps,
  ) {}

  async accessToken(): Promise<string> {
    const conn = await this.#load();
    const expiresAt = conn.expiresAt?.getTime() ?? 0;
    if (conn.accessToken && expiresAt - EARLY_REFRESH_MS > this.deps.now().getTime()) {
      const token = this.deps.cipher.open(conn.accessToken, conn.connectionId);
      // Rotation happens on the way: a token sealed with a retired key is re-sealed with the current one.
      if (this.deps.cipher.needsRotation(conn.accessToken)) await this.#reseal(conn);
      return token;
    }
    return this.refresh();
  }

  /** Concurrent callers share one refresh: two parallel refreshes would race on Microsoft's rotating tokens. */
  refresh(): Promise<string> {
    this.#inFlight ??= this.#refresh().finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  async #load(): Promise<StoredConnection> {
    const conn = await this.deps.connections.byId(this.connectionId);
    if (!conn) throw new ProviderError('invalid_grant', `connection ${this.connectionId} no longer exists`);
    if (conn.status !== 'active') throw new ProviderError('invalid_grant', `connection ${this.connectionId} is ${conn.status}`);
    return conn;
  }

  async #refresh(): Promise<string> {
    const conn = await this.#load();
    if (!conn.refreshToken) throw new ProviderError('invalid_grant', 'no refresh token stored');
    const { endpoints, now } = this.deps;
    const refreshToken = this.deps.cipher.open(conn.refreshToken, conn.connectionId);
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: endpoints.clientId,
      client_secret: endpoints.clientSecret,
    });
    if (conn.provider === 'microsoft') form.set('scope', endpoints.scope);
    let res: Response;
    try {
      res = await fetch(endpoints.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (err) {
      throw new ProviderError('unavailable', 'token endpoint unreachable', { cause: err });
    }
    const body = (await res.json().catch(() => ({}))) as TokenResponse;
    if (!res.ok) {
      if (body.error === 'invalid_grant') {
        this.deps.log.warn({ connectionId: conn.connectionId, provider: conn.provider }, 'refresh token rejected: connection needs reauthorisation');
        try {
          await markNeedsReauth(this.deps.connections, this.deps.publish, conn, 'invalid_grant', now());
        } catch (err) {
          // The status and the outbox flag are stored; whoever handles this connection next announces it.
          this.deps.log.error({ err, connectionId: conn.connectionId }, 'needs-reauth not yet announced: left in the outbox');
        }
        throw new ProviderError('invalid_grant', 'the grant is expired or revoked', { status: res.status });
      }
      const kind = res.status === 429 ? 'rate_limited' : res.status >= 500 ? 'unavailable' : 'rejected';
      throw new ProviderError(kind, `token refresh failed with ${res.status} ${typeof body.error === 'string' ? body.error : ''}`.trim(), {
        status: res.status,
      });
    }
    if (typeof body.access_token !== 'string' || body.access_token === '') throw new ProviderError('bad_response', 'token response without access_token');
    const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in);
    // Without expires_in, assume a short life so the next call refreshes rather than sending a dead token.
    const lifetimeMs = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn * 1000 : EARLY_REFRESH_MS + 60_000;
    const set: Partial<StoredConnection> = {
      accessToken: this.deps.cipher.seal(body.access_token, conn.connectionId),
      expiresAt: new Date(now().getTime() + lifetimeMs),
      updatedAt: now(),
    };
    // Google answers without a refresh_token (keep ours); Microsoft rotates it (store the newest).
    if (typeof body.refresh_token === 'string' && body.refresh_token !== '') set.refreshToken = this.deps.cipher.seal(body.refresh_token, conn.connectionId);
    else if (this.deps.cipher.needsRotation(conn.refreshToken)) set.refreshToken = this.deps.cipher.seal(refreshToken, conn.connectionId);
    await this.deps.connections.storeTokens(conn.connectionId, set, { activeOnly: true });
    return body.access_token;
  }

  async #reseal(conn: StoredConnection): Promise<void> {
    const { cipher } = this.deps;
    const set: Partial<StoredConnection> = {};
    if (conn.accessToken) set.accessToken = cipher.seal(cipher.open(conn.accessToken, conn.connectionId), conn.connectionId);
    if (conn.refreshToken && cipher.needsRotation(conn.refreshToken)) {
      set.refreshToken = cipher.seal(cipher.open(conn.refreshToken, conn.connectionId), conn.connectionId);
    }
    await this.deps.connections.storeTokens(conn.connectionId, set);
  }
}

/** Tokens held in memory only: used during connect, before the connection is stored, to read the profile. */
export function memoryTokenSource(accessToken: string): TokenSource {
  return {
    accessToken: async () => accessToken,
    refresh: async () => {
      throw new ProviderError('unauthorized', 'a freshly issued token was rejected');
    },
  };
}
