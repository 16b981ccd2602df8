// Public entry of the Google fake: the server factory, its control API types, and the wire types it serves.
export { startGoogleFake } from './google-fake.js';
export type { GoogleAccountSpec, GoogleFake, GoogleFakeOptions, RequestLogEntry } from './google-fake.js';
export { FakeClock } from './clock.js';
export type { FaultKind, FaultSpec } from './faults.js';
export type { PagingOptions } from './event-pages.js';
export type { Grant as GoogleGrant, IssuedTokens, OAuthClient } from './oauth-state.js';
export { GOOGLE_ISSUER } from './oauth-state.js';
export { METHOD_SCOPES as GOOGLE_METHOD_SCOPES, type MethodScopes as GoogleMethodScopes } from './method-scopes.js';
export type { Channel, Delivery } from './push.js';
export type { EventAttendee, EventDateTime, EventInput, EventResource } from './types.js';
