// The service context `svc`: what the analyser's handlers, routes and scheduler share: repositories, publisher, clock.
import type { Subject } from '@ledarsteg/contracts';
import type { Publish } from '@ledarsteg/messaging';
import { DocumentOutbox, ErasureLedger, SideEffectLedger } from '@ledarsteg/store';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { projectionModel } from './calendar/projection-model.js';
import { type ProjectionRepository, projectionRepository } from './calendar/projection-repository.js';
import { type ProjectionStateRepository, projectionStateModel, projectionStateRepository } from './calendar/projection-state.js';
import { Collections } from './collections.js';
import type { AnalyserConfig } from './config.js';
import { bookingModel } from './models/booking-model.js';
import { type BookingRepository, bookingRepository } from './models/booking-repository.js';
import { leaderConnectionModel } from './models/leader-connection-model.js';
import { type LeaderConnectionRepository, leaderConnectionRepository } from './models/leader-connection-repository.js';
import { recomputeModel } from './models/recompute-queue-model.js';
import { type RecomputeQueueRepository, recomputeQueueRepository } from './models/recompute-queue-repository.js';
import { weekAnalysisModel } from './models/week-analysis-model.js';
import { type WeekAnalysisRepository, weekAnalysisRepository } from './models/week-analysis-repository.js';
import { proposalModel } from './models/week-proposal-model.js';
import { type WeekProposalRepository, weekProposalRepository } from './models/week-proposal-repository.js';
import { profileModel, type StoredProfile } from './profiles/profile-model.js';
import { type ProfileRepository, profileRepository } from './profiles/profile-repository.js';

export interface AnalyserService {
  profiles: ProfileRepository;
  /** The analyser's own projection of each leader's calendar. */
  calendar: ProjectionRepository;
  projectionState: ProjectionStateRepository;
  analyses: WeekAnalysisRepository;
  proposals: WeekProposalRepository;
  bookings: BookingRepository;
  connections: LeaderConnectionRepository;
  recompute: RecomputeQueueRepository;
  /** One entry per leader and week that the weekly booking ran for. */
  weeklyRuns: SideEffectLedger;
  /** One entry per digest preference request applied. */
  digestRequests: SideEffectLedger;
  publish: Publish;
  now: () => Date;
  log: FastifyBaseLogger;
  /** When next week's ledartid is booked, in each leader's zone. */
  autoBookAt: { weekday: number; time: string };
  /** Messages written with profile changes (settings, account deletion), relayed to NATS until confirmed. */
  outbox: DocumentOutbox<StoredProfile>;
  /** Hashed marks of erased leaders and connections, so late messages about them change nothing. */
  erasures: ErasureLedger;
  /** Only tests set it: the process kills itself at that point, to show what a crash there leaves behind. */
  crashPoint?: CrashPoint;
}

export type CrashPoint = 'settings-stored';

export function createAnalyserService(app: FastifyInstance, config: AnalyserConfig, now: () => Date): AnalyserService {
  const profiles = profileRepository(profileModel(app.db));
  return {
    profiles,
    calendar: projectionRepository(projectionModel(app.db)),
    projectionState: projectionStateRepository(projectionStateModel(app.db)),
    analyses: weekAnalysisRepository(weekAnalysisModel(app.db)),
    proposals: weekProposalRepository(proposalModel(app.db)),
    bookings: bookingRepository(bookingModel(app.db)),
    connections: leaderConnectionRepository(leaderConnectionModel(app.db)),
    recompute: recomputeQueueRepository(recomputeModel(app.db)),
    weeklyRuns: new SideEffectLedger(app.db, Collections.weeklyRuns),
    digestRequests: new SideEffectLedger(app.db, Collections.digestRequests),
    // Late-bound: the messaging plugin decorates `publish` when it is registered.
    publish: (...args) => app.publish(...args),
    now,
    log: app.log,
    autoBookAt: { weekday: config.AUTO_BOOK_WEEKDAY, time: config.AUTO_BOOK_TIME },
    // msgID = the message's own id: a relay repeated after a crash is dropped by JetStream.
    outbox: new DocumentOutbox(profiles.model, (m) =>
      app.publish(m.subject as Subject, m.data as never, {
        id: m.id,
        occurredAt: new Date(m.occurredAt).toISOString(),
        ...(m.correlationId ? { correlationId: m.correlationId } : {}),
      }),
    ),
    erasures: new ErasureLedger(app.db, Collections.erasures),
    ...(config.CRASH_POINT ? { crashPoint: config.CRASH_POINT } : {}),
  };
}
