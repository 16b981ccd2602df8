// Public entry of the provider fakes: local Google and Microsoft servers for tests and the demo.
export * from './google/index.js';
export * from './microsoft/index.js';
export type { IdTokenFault, IdTokenFaultKind } from './oidc/id-token-faults.js';
export { ID_TOKEN_FAULT_KINDS } from './oidc/id-token-faults.js';
export type { PublishedJwk } from './oidc/signing-keys.js';
