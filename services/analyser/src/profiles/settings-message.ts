// The settings.changed payload for a profile as it now is: what every consumer of a leader's settings receives.
import { DEFAULT_DIGEST_AT, digestLocale, type SettingsChanged, type UserProfile } from '@ledarsteg/contracts';

export function settingsChangedPayload(profile: UserProfile, changedAt: Date): SettingsChanged {
  return {
    userId: profile.userId,
    timeZone: profile.timeZone,
    workingHours: profile.workingHours,
    ledartidGoal: profile.ledartidGoal,
    autoBook: profile.optIns.autoBook,
    shareWithCoach: profile.optIns.shareWithCoach,
    ...(profile.coachId ? { coachId: profile.coachId } : {}),
    ...(profile.displayName ? { displayName: profile.displayName } : {}),
    email: profile.email,
    locale: digestLocale(profile.locale),
    weeklyDigest: profile.optIns.weeklyDigest,
    digestAt: profile.digestAt ?? { ...DEFAULT_DIGEST_AT },
    changedAt: changedAt.toISOString(),
  };
}
