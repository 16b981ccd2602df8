// The leader stopped or moved their digest from a link in it: the profile changes like any settings change, its
// announcement written with it (the outbox).
import { randomUUID } from 'node:crypto';
import type { Envelope } from '@ledarsteg/contracts';
import { type HandlerContext, TransientError } from '@ledarsteg/messaging';
import { AnalyserErrors } from '../errors.js';
import { changeSettings } from '../profiles/change-settings.js';
import type { AnalyserService } from '../service-context.js';

export function onDigestPreferencesRequested(svc: AnalyserService) {
  return async (envelope: Envelope<'notification.digest.preferences-requested.v1'>, msg: HandlerContext): Promise<void> => {
    const { userId, requestId, weeklyDigest, digestAt } = envelope.data;
    // Once per request: a redelivery arriving after the leader changed their mind again must not undo that change.
    const key = `digest-preferences:${requestId}`;
    const owner = randomUUID();
    const claim = await svc.digestRequests.claim(key, owner, 60_000, svc.now());
    if (claim.status === 'done') {
      msg.log.info({ userId }, 'digest preferences already applied');
      return;
    }
    if (claim.status === 'busy') throw new TransientError('this request is being applied');
    try {
      const patch = {
        ...(weeklyDigest !== undefined ? { optIns: { weeklyDigest } } : {}),
        ...(digestAt ? { digestAt } : {}),
      };
      if (Object.keys(patch).length > 0) await changeSettings(svc, userId, patch, { correlationId: envelope.correlationId, log: msg.log });
    } catch (err) {
      await svc.digestRequests.release(key, owner);
      if (isLeaderNotFound(err)) {
        msg.log.warn({ userId }, 'digest preferences for an unknown leader ignored');
        await svc.digestRequests.complete(key, owner, { userId }, svc.now());
        return;
      }
      throw err;
    }
    await svc.digestRequests.complete(key, owner, { userId }, svc.now());
    msg.log.info({ userId, weeklyDigest, digestAt }, 'digest preferences applied');
  };
}

function isLeaderNotFound(err: unknown): boolean {
  return (err as { code?: unknown }).code === new AnalyserErrors.leaderNotFound('').code;
}
