// The leader id an identity at Google or Microsoft maps to, the same in every service that meets that identity first.
import { createHash } from 'node:crypto';

export type LeaderIdentity = { provider: 'google'; subject: string } | { provider: 'microsoft'; tenantId: string; objectId: string };

/**
 * A UUID (version 5 layout) derived from the identity: Google's `sub`, or Microsoft's tenant and object id (`tid`, `oid`,
 * stable across apps, unlike Microsoft's pairwise `sub`). Signing in first or connecting a calendar first thus lands on
 * the same leader.
 */
export function leaderIdFor(identity: LeaderIdentity): string {
  const key = JSON.stringify(identity.provider === 'google' ? ['google', identity.subject] : ['microsoft', identity.tenantId, identity.objectId]);
  const bytes = createHash('sha256').update(`ledarsteg-leader\n${key}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
