// What the analyser's handlers, routes and scheduler share: its models, the publisher, the clock and the booking rule.
import type { Publish } from '@ledarsteg/messaging';
import { eventModel, profileModel, SideEffectLedger, type StoredEvent, type StoredProfile } from '@ledarsteg/store';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Model } from 'mongoose';
import type { AnalyserConfig } from './config.js';
import { bookingModel, type StoredBooking } from './models/booking-model.js';
import { leaderConnectionModel, type StoredLeaderConnection } from './models/leader-connection-model.js';
import { recomputeModel, type StoredRecompute } from './models/recompute-queue-model.js';
import { type StoredWeekAnalysis, weekAnalysisModel } from './models/week-analysis-model.js';
import { proposalModel, type StoredProposal } from './models/week-proposal-model.js';

export interface AnalyserContext {
  profiles: Model<StoredProfile>;
  events: Model<StoredEvent>;
  analyses: Model<StoredWeekAnalysis>;
  proposals: Model<StoredProposal>;
  bookings: Model<StoredBooking>;
  connections: Model<StoredLeaderConnection>;
  recompute: Model<StoredRecompute>;
  /** One entry per leader and week that the weekly booking ran for. */
  weeklyRuns: SideEffectLedger;
  publish: Publish;
  now: () => Date;
  log: FastifyBaseLogger;
  /** When next week's ledartid is booked, in each leader's zone. */
  autoBookAt: { weekday: number; time: string };
}

export function createContext(app: FastifyInstance, config: AnalyserConfig, now: () => Date): AnalyserContext {
  return {
    profiles: profileModel(app.db),
    events: eventModel(app.db),
    analyses: weekAnalysisModel(app.db),
    proposals: proposalModel(app.db),
    bookings: bookingModel(app.db),
    connections: leaderConnectionModel(app.db),
    recompute: recomputeModel(app.db),
    weeklyRuns: new SideEffectLedger(app.db, 'analyser_weekly_bookings'),
    // Late-bound: the messaging plugin decorates `publish` when it is registered.
    publish: (...args) => app.publish(...args),
    now,
    log: app.log,
    autoBookAt: { weekday: config.AUTO_BOOK_WEEKDAY, time: config.AUTO_BOOK_TIME },
  };
}
