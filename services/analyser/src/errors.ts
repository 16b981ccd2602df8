// The analyser's coded errors.
import { createError } from '@ledarsteg/service-kit';

export const AnalyserErrors = {
  leaderNotFound: createError('ANALYSER_ERR_LEADER_NOT_FOUND', 'No leader %s', 404),
  invalidSettings: createError('ANALYSER_ERR_INVALID_SETTINGS', '%s', 400),
};
