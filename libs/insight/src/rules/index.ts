// Every named rule and threshold of the insight core, in one place to read.
export * from './metric-rules.js';
export * from './flag-rules.js';
export * from './slot-rules.js';
