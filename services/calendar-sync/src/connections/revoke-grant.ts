// Withdraws what a provider granted us, where the provider allows it: Google revokes a grant by any of its tokens;
// Microsoft has no per-token revocation (only revokeSignInSessions, which signs the user out everywhere).
import type { ProviderName } from '@ledarsteg/calendar';
import type { FastifyBaseLogger } from 'fastify';
import type { CalendarSyncConfig } from '../config.js';
import { oauthEndpoints } from './provider-endpoints.js';

/** `revoked`: the provider confirmed; `failed`: it refused or could not be reached; `unsupported`: no such endpoint (Microsoft). */
export type RevokeOutcome = 'revoked' | 'failed' | 'unsupported';

export async function revokeGrant(
  config: CalendarSyncConfig,
  provider: ProviderName,
  tokens: { accessToken?: string; refreshToken?: string },
  log: FastifyBaseLogger,
): Promise<RevokeOutcome> {
  const revokeUrl = oauthEndpoints(config, provider).revokeUrl;
  if (provider !== 'google' || !revokeUrl) {
    log.info({ provider }, 'the provider has no per-token revocation: the tokens were discarded, the grant stays until the user removes it');
    return 'unsupported';
  }
  // Revoking the refresh token ends the whole grant; an access token does too when no refresh token was issued.
  const token = tokens.refreshToken ?? tokens.accessToken;
  if (!token) return 'failed';
  try {
    const res = await fetch(revokeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }).toString(),
      signal: AbortSignal.timeout(10_000),
    });
    await res.arrayBuffer();
    if (res.ok) return 'revoked';
    log.warn({ provider, status: res.status }, 'google did not accept the revocation (already revoked?)');
  } catch (err) {
    log.warn({ provider, err: (err as Error).name }, 'google revocation failed');
  }
  return 'failed';
}
