// GET/PUT a leader's settings: working hours, time zone, ledartid goal, preferred time, automatic booking.
import { DEFAULT_DIGEST_AT, DigestSchedule, digestLocale, LedartidGoal, Locale, LocalTime, OptIns, Subjects, TimeZone, WorkingDay } from '@ledarsteg/contracts';
import type { TypeBoxTypeProvider } from '@ledarsteg/service-kit';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AnalyserErrors } from '../errors.js';
import { fromStoredProfile } from '../profiles/profile-model.js';
import type { AnalyserService } from '../service-context.js';

const Params = Type.Object({ userId: Type.String({ minLength: 1, maxLength: 200 }) });

export const SettingsPatch = Type.Object(
  {
    timeZone: Type.Optional(TimeZone),
    workingHours: Type.Optional(Type.Array(WorkingDay, { minItems: 1, maxItems: 14 })),
    lunch: Type.Optional(Type.Object({ start: LocalTime, end: LocalTime }, { additionalProperties: false })),
    ledartidGoal: Type.Optional(LedartidGoal),
    optIns: Type.Optional(Type.Partial(OptIns, { additionalProperties: false })),
    coachId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    /** The language of the digest and every email: Swedish or English. */
    locale: Type.Optional(Locale),
    /** The weekday (1 = Monday) and local time at which the weekly digest arrives. */
    digestAt: Type.Optional(DigestSchedule),
  },
  { additionalProperties: false, minProperties: 1 },
);

function checkWindows(patch: { workingHours?: { weekday: number; start: string; end: string }[]; lunch?: { start: string; end: string } }) {
  for (const day of patch.workingHours ?? []) {
    if (day.start >= day.end) throw new AnalyserErrors.invalidSettings(`working hours on weekday ${day.weekday} end before they start`);
  }
  if (patch.lunch && patch.lunch.start >= patch.lunch.end) throw new AnalyserErrors.invalidSettings('lunch ends before it starts');
}

export async function settingsRoutes(
  app: FastifyInstance,
  opts: { svc: AnalyserService; onAutoBookEnabled?: (userId: string, correlationId: string) => Promise<void> },
) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { svc } = opts;

  r.get('/leaders/:userId/settings', { schema: { params: Params } }, async (req) => {
    const doc = await svc.profiles.byId(req.params.userId);
    if (!doc) throw new AnalyserErrors.leaderNotFound(req.params.userId);
    return fromStoredProfile(doc);
  });

  r.put('/leaders/:userId/settings', { schema: { params: Params, body: SettingsPatch } }, async (req) => {
    const patch = req.body;
    checkWindows(patch);
    const set: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(patch)) {
      if (key === 'optIns') for (const [k, v] of Object.entries(value as object)) set[`optIns.${k}`] = v;
      else set[key] = value;
    }
    const doc = await svc.profiles.applySettings(req.params.userId, set);
    if (!doc) throw new AnalyserErrors.leaderNotFound(req.params.userId);
    const profile = fromStoredProfile(doc);
    await svc.publish(
      Subjects.settingsChanged,
      {
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
        changedAt: svc.now().toISOString(),
      },
      { correlationId: req.id },
    );
    if (patch.optIns?.autoBook === true && opts.onAutoBookEnabled) {
      // Turning automatic booking on books next week at once; a failure here is retried by the scheduler.
      await opts.onAutoBookEnabled(profile.userId, req.id).catch((err: unknown) => req.log.error({ err }, 'immediate booking failed'));
    }
    return profile;
  });
}
