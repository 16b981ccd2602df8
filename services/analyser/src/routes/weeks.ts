// GET a leader's analysed weeks and proposals.
import { IsoWeek } from '@ledarsteg/contracts';
import type { TypeBoxTypeProvider } from '@ledarsteg/service-kit';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AnalyserContext } from '../analyser-context.js';
import { AnalyserErrors } from '../errors.js';
import type { StoredWeekAnalysis } from '../models/week-analysis-model.js';
import type { StoredProposal } from '../models/week-proposal-model.js';

const UserId = Type.String({ minLength: 1, maxLength: 200 });
const WeekParams = Type.Object({ userId: UserId, week: IsoWeek });
const MAX_WEEKS = 106;

function view(doc: StoredWeekAnalysis) {
  return { ...doc.analysis, overwrittenBlocks: doc.overwrittenBlocks, analysedAt: doc.analysedAt.toISOString() };
}

export async function weekRoutes(app: FastifyInstance, opts: { ctx: AnalyserContext }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { analyses, proposals, events } = opts.ctx;

  r.get('/leaders/:userId/weeks/:week', { schema: { params: WeekParams } }, async (req) => {
    const doc = await analyses.findOne({ userId: req.params.userId, week: req.params.week }).lean<StoredWeekAnalysis>().exec();
    if (!doc) throw new AnalyserErrors.weekNotAnalysed(req.params.week);
    // The leader's own view names the meetings: titles are read from their synced calendar, never stored twice.
    const ids = doc.analysis.flags.map((f) => f.providerEventId);
    const titled = await events
      .find({ userId: req.params.userId, providerEventId: { $in: ids } }, { providerEventId: 1, title: 1 })
      .lean<{ providerEventId: string; title?: string }[]>()
      .exec();
    const titles = new Map(titled.flatMap((e) => (e.title ? [[e.providerEventId, e.title] as const] : [])));
    const analysis = view(doc);
    return { ...analysis, flags: analysis.flags.map((f) => ({ ...f, ...(titles.has(f.providerEventId) ? { title: titles.get(f.providerEventId) } : {}) })) };
  });

  r.get('/leaders/:userId/weeks/:week/proposal', { schema: { params: WeekParams } }, async (req) => {
    const doc = await proposals.findOne({ userId: req.params.userId, week: req.params.week }).lean<StoredProposal>().exec();
    if (!doc) throw new AnalyserErrors.noProposal(req.params.week);
    return { ...doc.proposal, proposedAt: doc.proposedAt.toISOString() };
  });

  r.get(
    '/leaders/:userId/weeks',
    { schema: { params: Type.Object({ userId: UserId }), querystring: Type.Object({ from: IsoWeek, to: IsoWeek }, { additionalProperties: false }) } },
    async (req) => {
      const { from, to } = req.query;
      // ISO week strings of this fixed shape sort like the weeks themselves.
      if (from > to) throw new AnalyserErrors.invalidRange('from is after to');
      const docs = await analyses
        .find({ userId: req.params.userId, week: { $gte: from, $lte: to } })
        .sort({ week: 1 })
        .limit(MAX_WEEKS)
        .lean<StoredWeekAnalysis[]>()
        .exec();
      return { weeks: docs.map(view) };
    },
  );
}
