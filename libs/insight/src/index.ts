// Public entry of @ledarsteg/insight: pure week analysis, meetings to challenge and ledartid slot finding.
export { type AnalyseWeekInput, analyseWeek } from './analyse-week.js';
export { type ProposeLedartidInput, proposeLedartid } from './propose-ledartid.js';
export { firefightingIndex, weekTrend } from './firefighting.js';
export { InsightInputError } from './insight-error.js';
export { parseInstant } from './instant.js';
export { type PreparedEvents, prepareEvents } from './prepared-events.js';
export { prepareProfile } from './prepared-profile.js';
export { blocksTime, isMeeting, isOutOfOffice } from './week-events.js';
export * from './rules/index.js';
