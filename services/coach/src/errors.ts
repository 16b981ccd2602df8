// The coach service's coded errors.
import { createError } from '@ledarsteg/service-kit';

export const CoachErrors = {
  unauthorized: createError('COACH_ERR_UNAUTHORIZED', 'A valid coach token is required', 401),
  leaderNotFound: createError<[string]>('COACH_ERR_LEADER_NOT_FOUND', 'No leader %s shares with you', 404),
  invalidRange: createError<[string]>('COACH_ERR_INVALID_RANGE', '%s', 400),
  invalidTokens: createError<[string]>('COACH_ERR_INVALID_TOKENS', 'COACH_TOKENS is invalid: %s', 500),
};
