// Ledartid proposals as the analyser publishes them, and the leader's decision on a proposed slot.
import { type Static, Type } from '@sinclair/typebox';
import { Id, Instant, IsoWeek } from './primitives.js';
import { LedartidProposal } from './week-analysis.js';

/** The analyser stored a new or changed proposal for a leader's week. */
export const ProposalUpdated = Type.Object(
  { userId: Id, week: IsoWeek, proposal: LedartidProposal, proposedAt: Instant },
  { additionalProperties: false },
);
export type ProposalUpdated = Static<typeof ProposalUpdated>;

/**
 * The leader accepted or rejected one proposed slot. Accepted: the analyser books it (once per `decisionId`).
 * Rejected: the slot is not proposed again that week.
 */
export const ProposalDecided = Type.Object(
  {
    userId: Id,
    week: IsoWeek,
    slot: Type.Object({ start: Type.String({ format: 'date-time' }), end: Type.String({ format: 'date-time' }) }, { additionalProperties: false }),
    decision: Type.Union([Type.Literal('accepted'), Type.Literal('rejected')]),
    decisionId: Id,
    decidedAt: Instant,
  },
  { additionalProperties: false },
);
export type ProposalDecided = Static<typeof ProposalDecided>;
