// The analyser's coded errors.
import { createError } from '@ledarsteg/service-kit';

export const AnalyserErrors = {
  leaderNotFound: createError('ANALYSER_ERR_LEADER_NOT_FOUND', 'No leader %s', 404),
  invalidSettings: createError('ANALYSER_ERR_INVALID_SETTINGS', '%s', 400),
  weekNotAnalysed: createError('ANALYSER_ERR_WEEK_NOT_ANALYSED', 'Week %s has not been analysed', 404),
  noProposal: createError('ANALYSER_ERR_NO_PROPOSAL', 'No ledartid proposal for week %s', 404),
  invalidRange: createError('ANALYSER_ERR_INVALID_RANGE', '%s', 400),
  settingsConflict: createError('ANALYSER_ERR_SETTINGS_CONFLICT', 'The settings of leader %s kept changing; try again', 409),
};
