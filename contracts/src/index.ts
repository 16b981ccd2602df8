// Public entry of the contracts: schemas, subjects, envelope and streams shared by all services.
import './formats.js';
export { isKnownZone } from './formats.js';

export * from './primitives.js';
export * from './calendar-event.js';
export * from './user-profile.js';
export * from './messages.js';
export * from './leader-messages.js';
export * from './proposal-messages.js';
export * from './notification-messages.js';
export * from './leader-id.js';
export * from './subjects.js';
export * from './envelope.js';
export * from './streams.js';
export * from './iso-week.js';
export * from './week-analysis.js';
