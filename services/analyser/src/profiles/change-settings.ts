// A change of a leader's settings: read, checked as the settings will be, and written with its announcement in one
// document write (the outbox), retried when another write of the same profile came in between; then relayed.
import { DigestSchedule, Id, LedartidGoal, Locale, LocalTime, OptIns, scheduleProblems, TimeZone, type UserProfile, WorkingDay } from '@ledarsteg/contracts';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyBaseLogger } from 'fastify';
import { AnalyserErrors } from '../errors.js';
import type { AnalyserService } from '../service-context.js';
import { fromStoredProfile, type StoredProfile } from './profile-model.js';
import { relayProfile, settingsChangedMessage } from './settings-message.js';

export const SettingsPatch = Type.Object(
  {
    timeZone: Type.Optional(TimeZone),
    workingHours: Type.Optional(Type.Array(WorkingDay, { minItems: 1, maxItems: 14 })),
    lunch: Type.Optional(Type.Object({ start: LocalTime, end: LocalTime }, { additionalProperties: false })),
    ledartidGoal: Type.Optional(LedartidGoal),
    optIns: Type.Optional(Type.Partial(OptIns, { additionalProperties: false })),
    coachId: Type.Optional(Id),
    /** The language of the digest and every email: Swedish or English. */
    locale: Type.Optional(Locale),
    /** The weekday (1 = Monday) and local time at which the weekly digest arrives. */
    digestAt: Type.Optional(DigestSchedule),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type SettingsPatch = Static<typeof SettingsPatch>;

/** Rounds of read–check–write when another write of the same profile came in between. */
const MAX_ROUNDS = 5;

function merged(profile: UserProfile, patch: SettingsPatch): UserProfile {
  const { optIns, ...rest } = patch;
  return { ...profile, ...rest, optIns: { ...profile.optIns, ...optIns } };
}

/** The MongoDB $set of a patch: opt-ins one by one, so an absent one keeps its value. */
function setOf(patch: SettingsPatch): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'optIns') for (const [k, v] of Object.entries(value as object)) set[`optIns.${k}`] = v;
    else set[key] = value;
  }
  return set;
}

/**
 * Applies `patch` to the leader's settings and announces the whole settings through the profile's outbox.
 * Throws `leaderNotFound`, `invalidSettings` (overlapping windows, lunch outside hours) or `settingsConflict`.
 */
export async function changeSettings(
  svc: AnalyserService,
  userId: string,
  patch: SettingsPatch,
  opts: { correlationId?: string; log: FastifyBaseLogger },
): Promise<StoredProfile> {
  for (let round = 1; ; round++) {
    const doc = await svc.profiles.byId(userId);
    if (!doc) throw new AnalyserErrors.leaderNotFound(userId);
    // Checked on the settings as they will be, so a new lunch is checked against the hours already stored.
    const next = merged(fromStoredProfile(doc), patch);
    const problems = scheduleProblems(next.workingHours, next.lunch);
    if (problems.length > 0) throw new AnalyserErrors.invalidSettings(problems.join('; '));
    // The change and its announcement are one document write: both happen or neither.
    const stored = await svc.profiles.applySettings(doc.userId, doc.updatedAt, setOf(patch), settingsChangedMessage(next, svc.now(), opts.correlationId));
    if (!stored) {
      if (round < MAX_ROUNDS) continue;
      throw new AnalyserErrors.settingsConflict(userId);
    }
    if (svc.crashPoint === 'settings-stored') process.kill(process.pid, 'SIGKILL');
    await relayProfile(svc, doc.userId, opts.log);
    return stored;
  }
}
