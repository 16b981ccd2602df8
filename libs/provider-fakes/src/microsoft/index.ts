// Public entry of the Microsoft fake: Graph v1.0 + identity platform over HTTPS, and its certificate helpers.
// Names that the Google fake also exports carry a Microsoft prefix here.
export { startMicrosoftFake } from './fake-server.js';
export type { IssuedTokens as MicrosoftIssuedTokens, MicrosoftFake, MicrosoftFakeOptions } from './fake-handle.js';
export type { EventInput as MicrosoftEventInput } from './event-input.js';
export type { FakeClock as MicrosoftFakeClock } from './fake-clock.js';
export type { ConsentSettings as MicrosoftConsentSettings, DeltaQuirks, NotificationDelivery, RequestLogEntry as MicrosoftRequestLogEntry } from './fake-context.js';
export type { FaultRule as MicrosoftFaultRule } from './faults.js';
export type { DeltaInvalidation, FakeAccount as MicrosoftAccount, FakeClient as MicrosoftClient, Grant as MicrosoftGrant, Subscription as GraphSubscription } from './model.js';
export { GRAPH_PERMISSIONS, type GraphDenial, type PermissionRow as GraphPermissionRow } from './graph-permissions.js';
export type { LifecycleEvent } from './notifier.js';
export { MAX_SUBSCRIPTION_MINUTES } from './subscription-routes.js';
export { defaultTlsMaterial, localhostCaPath, type TlsMaterial } from './tls-material.js';
export { makeLocalhostCertificate } from './make-certs.js';
export { createFakeTokenSource, type FakeTokenSource, type FakeTokenSourceOptions, InvalidGrantError } from './token-source.js';
