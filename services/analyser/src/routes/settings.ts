// GET/PUT a leader's settings: working hours, time zone, ledartid goal, preferred time, automatic booking.
import { DigestSchedule, Id, LedartidGoal, Locale, LocalTime, OptIns, scheduleProblems, TimeZone, type UserProfile, WorkingDay } from '@ledarsteg/contracts';
import type { TypeBoxTypeProvider } from '@ledarsteg/service-kit';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AnalyserErrors } from '../errors.js';
import { fromStoredProfile } from '../profiles/profile-model.js';
import { relayProfile, settingsChangedMessage } from '../profiles/settings-message.js';
import type { AnalyserService } from '../service-context.js';

export const LeaderParams = Type.Object({ userId: Id });

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
type SettingsPatch = Static<typeof SettingsPatch>;

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

export async function settingsRoutes(
  app: FastifyInstance,
  opts: { svc: AnalyserService; onAutoBookEnabled?: (userId: string, correlationId: string) => Promise<void> },
) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { svc } = opts;

  r.get('/leaders/:userId/settings', { schema: { params: LeaderParams } }, async (req) => {
    const doc = await svc.profiles.byId(req.params.userId);
    if (!doc) throw new AnalyserErrors.leaderNotFound(req.params.userId);
    return fromStoredProfile(doc);
  });

  r.put('/leaders/:userId/settings', { schema: { params: LeaderParams, body: SettingsPatch } }, async (req) => {
    const patch = req.body;
    for (let round = 1; ; round++) {
      const doc = await svc.profiles.byId(req.params.userId);
      if (!doc) throw new AnalyserErrors.leaderNotFound(req.params.userId);
      // Checked on the settings as they will be, so a new lunch is checked against the hours already stored.
      const next = merged(fromStoredProfile(doc), patch);
      const problems = scheduleProblems(next.workingHours, next.lunch);
      if (problems.length > 0) throw new AnalyserErrors.invalidSettings(problems.join('; '));
      // The change and its announcement are one document write: both happen or neither.
      const stored = await svc.profiles.applySettings(doc.userId, doc.updatedAt, setOf(patch), settingsChangedMessage(next, svc.now(), req.id));
      if (!stored) {
        if (round < MAX_ROUNDS) continue;
        throw new AnalyserErrors.settingsConflict(req.params.userId);
      }
      if (svc.crashPoint === 'settings-stored') process.kill(process.pid, 'SIGKILL');
      await relayProfile(svc, doc.userId, req.log);
      if (patch.optIns?.autoBook === true && opts.onAutoBookEnabled) {
        // Turning automatic booking on books next week at once; a failure here is retried by the scheduler.
        await opts.onAutoBookEnabled(doc.userId, req.id).catch((err: unknown) => req.log.error({ err }, 'immediate booking failed'));
      }
      return fromStoredProfile(stored);
    }
  });
}
