// The service context `svc`: what the coach service's handlers and routes share.
import type { ErasureLedger } from '@ledarsteg/store';
import type { FastifyBaseLogger } from 'fastify';
import type { CoachTokens } from './coach-tokens.js';
import type { ConsentRepository } from './consent-model.js';
import type { WeekSummaryRepository } from './week-summary-model.js';

export interface CoachService {
  consents: ConsentRepository;
  summaries: WeekSummaryRepository;
  tokens: CoachTokens;
  /** Hashed marks of erased leaders. */
  erasures: ErasureLedger;
  log: FastifyBaseLogger;
}
