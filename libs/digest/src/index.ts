// Public entry of @ledarsteg/digest: the weekly digest email composed from a prepared model, pure and deterministic.
export {
  type ComposedDigest,
  type ComposeDigestOptions,
  composeDigest,
  type DigestAttachment,
} from './compose-digest.js';
export { checkDigestModel } from './check-model.js';
export { DigestFontError, DigestModelError } from './digest-error.js';
export * from './digest-model.js';
export type { DigestHeaders } from './mail-headers.js';
export { type ChartFont, DEFAULT_CHART_FONT } from './week-chart.js';
export { challengeAction, challengeMove, challengeReason } from './voice/flag-words.js';
