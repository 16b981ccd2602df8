// Public entry of the identity part: verify a provider's ID token and read the account's identity from it.
export { createIdTokenVerifier, type IdTokenVerifier, type IdTokenVerifierOptions } from './id-token-verifier.js';
export { IdTokenError, type IdTokenErrorReason } from './id-token-error.js';
export type { VerifiedIdentity } from './account-claims.js';
