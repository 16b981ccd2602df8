// GET the leaders who share with the calling coach, and their week summaries; others' leaders do not exist here.
import { Id, IsoWeek, LedartidGoal } from '@ledarsteg/contracts';
import type { TypeBoxTypeProvider } from '@ledarsteg/service-kit';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { CoachErrors } from '../errors.js';
import type { CoachService } from '../service-context.js';
import type { WeekSummary } from '../week-summary-model.js';
import { requireCoach } from './coach-auth.js';

const Summary = Type.Object({
  week: Type.String(),
  timeZone: Type.String(),
  meetingMinutes: Type.Number(),
  meetingCount: Type.Integer(),
  focusMinutes: Type.Number(),
  flaggedMeetings: Type.Integer(),
  ledartid: Type.Object({ bookedMinutes: Type.Number(), keptMinutes: Type.Number(), overwrittenMinutes: Type.Number() }),
  firefightingIndex: Type.Number(),
  analysedAt: Type.String(),
});
type Summary = Static<typeof Summary>;

const LeaderList = Type.Object({
  leaders: Type.Array(
    Type.Object({
      userId: Type.String(),
      displayName: Type.Optional(Type.String()),
      goal: LedartidGoal,
      latestWeek: Type.Union([Summary, Type.Null()]),
    }),
  ),
});

const WeekList = Type.Object({ userId: Type.String(), weeks: Type.Array(Summary) });

const Params = Type.Object({ userId: Id });
const Range = Type.Object({ from: Type.Optional(IsoWeek), to: Type.Optional(IsoWeek) }, { additionalProperties: false });

/** For the OpenAPI document: every coach route wants a coach's bearer token. */
const BEARER = [{ bearer: [] }];

const MAX_LEADERS = 500;
const MAX_WEEKS = 520;

function toWire(doc: WeekSummary): Summary {
  return {
    week: doc.week,
    timeZone: doc.timeZone,
    meetingMinutes: doc.meetingMinutes,
    meetingCount: doc.meetingCount,
    focusMinutes: doc.focusMinutes,
    flaggedMeetings: doc.flaggedMeetings,
    ledartid: {
      bookedMinutes: doc.ledartid.bookedMinutes,
      keptMinutes: doc.ledartid.keptMinutes,
      overwrittenMinutes: doc.ledartid.overwrittenMinutes,
    },
    firefightingIndex: doc.firefightingIndex,
    analysedAt: new Date(doc.analysedAt).toISOString(),
  };
}

export async function leaderRoutes(app: FastifyInstance, opts: { svc: CoachService }) {
  const { svc } = opts;
  requireCoach(app, svc.tokens);
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/leaders', { schema: { description: 'The leaders who share with the calling coach', security: BEARER, response: { 200: LeaderList } } }, async (req) => {
    const shared = await svc.consents.sharingWith(req.coachId, MAX_LEADERS);
    const leaders = await Promise.all(
      shared.map(async (c) => {
        const latest = await svc.summaries.latest(c.userId, req.coachId);
        return {
          userId: c.userId,
          ...(c.displayName ? { displayName: c.displayName } : {}),
          goal: { blocks: c.ledartidGoal.blocks, blockMinutes: c.ledartidGoal.blockMinutes, preferredTime: c.ledartidGoal.preferredTime },
          latestWeek: latest ? toWire(latest) : null,
        };
      }),
    );
    return { leaders };
  });

  r.get('/leaders/:userId/weeks', { schema: { description: 'Week summaries of one leader who shares with the calling coach', security: BEARER, params: Params, querystring: Range, response: { 200: WeekList } } }, async (req) => {
    const { userId } = req.params;
    const { from, to } = req.query;
    if (from && to && from > to) throw new CoachErrors.invalidRange(`from ${from} is after to ${to}`);
    const consent = await svc.consents.grantedTo(userId, req.coachId);
    // 404 rather than 403: a coach must not learn whether a leader who does not share with them exists.
    if (!consent) throw new CoachErrors.leaderNotFound(userId);
    const docs = await svc.summaries.range(userId, req.coachId, { ...(from ? { from } : {}), ...(to ? { to } : {}) }, MAX_WEEKS);
    return { userId, weeks: docs.map(toWire) };
  });
}
