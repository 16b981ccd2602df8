// The settings.changed announcement of a profile (the whole settings after a change, as the coach and notifier read
// them) and its relay from the profile's outbox.
import { DEFAULT_DIGEST_AT, digestLocale, type SettingsChanged, Subjects, type UserProfile } from '@ledarsteg/contracts';
import { type OutboxMessage, outboxMessage } from '@ledarsteg/store';
import type { FastifyBaseLogger } from 'fastify';
import type { AnalyserService } from '../service-context.js';

export function settingsChanged(profile: UserProfile, changedAt: Date): SettingsChanged {
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

/** The announcement as an outbox message, to be written with the change it announces. */
export function settingsChangedMessage(profile: UserProfile, changedAt: Date, correlationId?: string): OutboxMessage {
  return outboxMessage(Subjects.settingsChanged, settingsChanged(profile, changedAt), { occurredAt: changedAt, ...(correlationId ? { correlationId } : {}) });
}

/** Publishes what the profile's outbox holds; a failure leaves it there for the next relay (start-up, every tick). */
export async function relayProfile(svc: AnalyserService, userId: string, log: FastifyBaseLogger): Promise<void> {
  await svc.outbox.relay({ userId }).catch((err: unknown) => log.warn({ err, userId }, 'settings announcement left in the outbox; relayed later'));
}
