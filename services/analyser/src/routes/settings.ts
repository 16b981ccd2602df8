// GET/PUT a leader's settings: working hours, time zone, ledartid goal, preferred time, automatic booking.
import { Id } from '@ledarsteg/contracts';
import type { TypeBoxTypeProvider } from '@ledarsteg/service-kit';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AnalyserErrors } from '../errors.js';
import { fromStoredProfile } from '../profiles/profile-model.js';
import { changeSettings, SettingsPatch } from '../profiles/change-settings.js';
import type { AnalyserService } from '../service-context.js';

export const LeaderParams = Type.Object({ userId: Id });

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
    const stored = await changeSettings(svc, req.params.userId, patch, { correlationId: req.id, log: req.log });
    if (patch.optIns?.autoBook === true && opts.onAutoBookEnabled) {
      // Turning automatic booking on books next week at once; a failure here is retried by the scheduler.
      await opts.onAutoBookEnabled(stored.userId, req.id).catch((err: unknown) => req.log.error({ err }, 'immediate booking failed'));
    }
    return fromStoredProfile(stored);
  });
}
