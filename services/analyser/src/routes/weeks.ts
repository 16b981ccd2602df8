// GET a leader's analysed weeks and proposals.
import { Id, IsoWeek, LedartidProposal, MeetingFlag, WeekAnalysis } from '@ledarsteg/contracts';
import { wordsOf } from '@ledarsteg/insight';
import type { TypeBoxTypeProvider } from '@ledarsteg/service-kit';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AnalyserErrors } from '../errors.js';
import type { StoredWeekAnalysis } from '../models/week-analysis-model.js';
import type { AnalyserService } from '../service-context.js';

const UserId = Id;
const WeekParams = Type.Object({ userId: UserId, week: IsoWeek });
const MAX_WEEKS = 106;

/** What the analyser adds to an analysis when it shows it: the defence's count and when it was analysed. */
const Shown = { overwrittenBlocks: Type.Integer({ minimum: 0 }), analysedAt: Type.String({ format: 'date-time' }) };
const WeekView = Type.Composite([WeekAnalysis, Type.Object(Shown)]);
/** The leader's own view of one week also names the flagged meetings. */
const OwnWeekView = Type.Composite([
  Type.Omit(WeekAnalysis, ['flags']),
  Type.Object({ ...Shown, flags: Type.Array(Type.Composite([MeetingFlag, Type.Object({ title: Type.Optional(Type.String()) })])) }),
]);
const ProposalView = Type.Composite([LedartidProposal, Type.Object({ proposedAt: Type.String({ format: 'date-time' }) })]);
/** Every flag with its reason and move in words: weeks analysed before the analysis carried them get them here. */
const withWords = (f: MeetingFlag): MeetingFlag => (f.words === undefined ? { ...f, words: wordsOf(f) } : f);

function view(doc: StoredWeekAnalysis) {
  const { analysis } = doc;
  return {
    ...analysis,
    flags: analysis.flags.map(withWords),
    overwrittenBlocks: doc.overwrittenBlocks,
    analysedAt: doc.analysedAt.toISOString(),
  };
}

export async function weekRoutes(app: FastifyInstance, opts: { svc: AnalyserService }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { svc } = opts;

  r.get('/leaders/:userId/weeks/:week', { schema: { params: WeekParams, response: { 200: OwnWeekView } } }, async (req) => {
    const doc = await svc.analyses.get(req.params.userId, req.params.week);
    if (!doc) throw new AnalyserErrors.weekNotAnalysed(req.params.week);
    // The leader's own view names the meetings: titles are read from the calendar projection, never stored twice.
    const titles = await svc.calendar.titles(req.params.userId, doc.analysis.flags.map((f) => f.providerEventId));
    const analysis = view(doc);
    return { ...analysis, flags: analysis.flags.map((f) => ({ ...f, ...(titles.has(f.providerEventId) ? { title: titles.get(f.providerEventId) } : {}) })) };
  });

  r.get('/leaders/:userId/weeks/:week/proposal', { schema: { params: WeekParams, response: { 200: ProposalView } } }, async (req) => {
    const doc = await svc.proposals.get(req.params.userId, req.params.week);
    if (!doc) throw new AnalyserErrors.noProposal(req.params.week);
    return { ...doc.proposal, proposedAt: doc.proposedAt.toISOString() };
  });

  r.get(
    '/leaders/:userId/weeks',
    {
      schema: {
        params: Type.Object({ userId: UserId }),
        querystring: Type.Object({ from: IsoWeek, to: IsoWeek }, { additionalProperties: false }),
        response: { 200: Type.Object({ weeks: Type.Array(WeekView) }) },
      },
    },
    async (req) => {
      const { from, to } = req.query;
      // ISO week strings of this fixed shape sort like the weeks themselves.
      if (from > to) throw new AnalyserErrors.invalidRange('from is after to');
      const docs = await svc.analyses.range(req.params.userId, from, to, MAX_WEEKS);
      return { weeks: docs.map(view) };
    },
  );
}
