// The leader stopped or moved their digest from a link in it: the profile changes, and the settings go out again.
import { type Envelope, Subjects } from '@ledarsteg/contracts';
import type { HandlerContext } from '@ledarsteg/messaging';
import { fromStoredProfile } from '../profiles/profile-model.js';
import { settingsChangedPayload } from '../profiles/settings-message.js';
import type { AnalyserService } from '../service-context.js';

export function onDigestPreferencesRequested(svc: AnalyserService) {
  return async (envelope: Envelope<'notification.digest.preferences-requested.v1'>, msg: HandlerContext): Promise<void> => {
    const { userId, requestId, weeklyDigest, digestAt } = envelope.data;
    const set: Record<string, unknown> = {};
    if (weeklyDigest !== undefined) set['optIns.weeklyDigest'] = weeklyDigest;
    if (digestAt) set['digestAt'] = digestAt;
    const doc = await svc.profiles.applySettings(userId, set);
    if (!doc) {
      msg.log.warn({ userId }, 'digest preferences for an unknown leader ignored');
      return;
    }
    // Re-applying the same choice is harmless; the republished settings carry an id per request, so a redelivery is dropped.
    await svc.publish(Subjects.settingsChanged, settingsChangedPayload(fromStoredProfile(doc), svc.now()), {
      id: `settings-digest-${requestId}`,
      correlationId: envelope.correlationId,
      causationId: envelope.id,
    });
    msg.log.info({ userId, weeklyDigest, digestAt }, 'digest preferences applied');
  };
}
