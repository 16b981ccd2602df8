// The leader stopped or moved their digest from a link in it: the profile changes, and the settings go out again.
import { randomUUID } from 'node:crypto';
import { type Envelope, Subjects } from '@ledarsteg/contracts';
import { type HandlerContext, TransientError } from '@ledarsteg/messaging';
import { fromStoredProfile } from '../profiles/profile-model.js';
import { settingsChangedPayload } from '../profiles/settings-message.js';
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
      const set: Record<string, unknown> = {};
      if (weeklyDigest !== undefined) set['optIns.weeklyDigest'] = weeklyDigest;
      if (digestAt) set['digestAt'] = digestAt;
      const doc = await svc.profiles.applySettings(userId, set);
      if (doc) {
        await svc.publish(Subjects.settingsChanged, settingsChangedPayload(fromStoredProfile(doc), svc.now()), {
          id: `settings-digest-${requestId}`,
          correlationId: envelope.correlationId,
          causationId: envelope.id,
        });
      } else {
        msg.log.warn({ userId }, 'digest preferences for an unknown leader ignored');
      }
    } catch (err) {
      await svc.digestRequests.release(key, owner);
      throw err;
    }
    await svc.digestRequests.complete(key, owner, { userId }, svc.now());
    msg.log.info({ userId, weeklyDigest, digestAt }, 'digest preferences applied');
  };
}
