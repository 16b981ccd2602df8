// Why an ID token was refused, in the few kinds a caller acts on differently.
export type IdTokenErrorReason =
  /** The discovery document or the JWK Set could not be read (a provider or network problem). */
  | 'discovery'
  /** Not a JWS/JWT we can read. */
  | 'malformed'
  /** Not signed by a key the provider publishes, or with an algorithm we do not accept. */
  | 'signature'
  | 'issuer'
  | 'audience'
  | 'expired'
  /** Issued for the future (iat/nbf beyond the allowed skew). */
  | 'not_yet_valid'
  /** Not the nonce this authorization request sent: a replayed or injected token. */
  | 'nonce'
  /** A claim the identity needs is missing or unusable; `missingScope` names the scope that releases it, if any. */
  | 'claims';

export class IdTokenError extends Error {
  readonly reason: IdTokenErrorReason;
  /** For `claims`: the scope whose claim is missing (the leader did not grant it). */
  readonly missingScope?: string;

  constructor(reason: IdTokenErrorReason, message: string, opts: { cause?: unknown; missingScope?: string } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'IdTokenError';
    this.reason = reason;
    if (opts.missingScope !== undefined) this.missingScope = opts.missingScope;
  }
}
