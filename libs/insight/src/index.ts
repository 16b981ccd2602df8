// Public entry of @ledarsteg/insight: pure week analysis, meetings to challenge and ledartid slot finding.
export { type AnalyseWeekInput, analyseWeek } from './analyse-week.js';
export { type ProposeLedartidInput, proposeLedartid } from './propose-ledartid.js';
export { firefightingIndex, weekTrend } from './firefighting.js';
export { InsightInputError } from './insight-error.js';
export { parseInstant } from './instant.js';
export { type PreparedEvents, prepareEvents } from './prepared-events.js';
export { prepareProfile } from './prepared-profile.js';
export { blocksTime, isMeeting, isOutOfOffice } from './week-events.js';
export { agendaText, hasAgenda } from './conference-boilerplate.js';
export { isPeopleTime } from './people-time.js';
export { DROP_WEIGHT } from './trade-offs.js';
export { VERDICT_RULES, weekVerdicts } from './week-verdicts.js';
export { SERIES_REASONS, seriesVerdicts } from './series-verdicts.js';
export { type FlagWordsInput, flagWords, moveWords, reasonWords, wordsOf } from './words/flag-words.js';
export { seriesWords, weekVerdictWords } from './words/verdict-words.js';
export { type Locale, hoursOf, wholeNumber } from './words/locale-numbers.js';
export * from './rules/index.js';
