// Faulty ID tokens on demand, for sign-in tests: each kind is a token a relying party must refuse.
import { createHash } from 'node:crypto';
import type { SigningKeys } from './signing-keys.js';

/**
 * - `foreign-key`: signed by a key the provider never published (the header still names a published `kid`).
 * - `wrong-audience`: `aud` (and Google's `azp`) name another client.
 * - `expired`: issued two hours ago, expired an hour ago.
 * - `replay`: the ID token issued to the same client and account before, with that sign-in's nonce and times
 *   (with no earlier one: a token minted for another authorization request).
 */
export type IdTokenFaultKind = 'foreign-key' | 'wrong-audience' | 'expired' | 'replay';

export interface IdTokenFault {
  kind: IdTokenFaultKind;
  /** How many ID tokens in a row are affected; default 1. */
  times?: number;
}

export const ID_TOKEN_FAULT_KINDS: readonly IdTokenFaultKind[] = ['foreign-key', 'wrong-audience', 'expired', 'replay'];

/** `at_hash`/`c_hash` as OpenID Connect defines them for RS256: the left half of the SHA-256, base64url. */
export function halfHash(value: string): string {
  return createHash('sha256').update(value).digest().subarray(0, 16).toString('base64url');
}

export class IdTokenMinter {
  readonly #armed: { kind: IdTokenFaultKind; remaining: number }[] = [];
  /** The last ID token issued per `${clientId}\n${subject}`, which a `replay` fault hands out again. */
  readonly #issued = new Map<string, string>();

  constructor(
    readonly keys: SigningKeys,
    private readonly nowMs: () => number,
  ) {}

  addFault(fault: IdTokenFault): void {
    const times = fault.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new RangeError('times must be a positive integer');
    this.#armed.push({ kind: fault.kind, remaining: times });
  }

  clearFaults(): void {
    this.#armed.length = 0;
  }

  #takeFault(): IdTokenFaultKind | undefined {
    const fault = this.#armed[0];
    if (!fault) return undefined;
    if (--fault.remaining === 0) this.#armed.shift();
    return fault.kind;
  }

  /**
   * Signs an ID token. `claims` come without times; `iat`/`exp` (and `nbf` when `withNbf`) are set here, and an armed
   * fault bends the token. `audienceClaims` are the claims that name the client (aud, and azp for Google).
   */
  mint(input: {
    key: { clientId: string; subject: string };
    claims: Record<string, unknown>;
    audienceClaims: string[];
    lifetimeSeconds: number;
    withNbf?: boolean;
  }): string {
    const fault = this.#takeFault();
    const remember = `${input.key.clientId}\n${input.key.subject}`;
    const earlier = this.#issued.get(remember);
    if (fault === 'replay' && earlier) return earlier;
    let iat = Math.floor(this.nowMs() / 1000);
    if (fault === 'expired') iat -= 2 * input.lifetimeSeconds;
    const claims: Record<string, unknown> = { ...input.claims, iat, exp: iat + input.lifetimeSeconds };
    if (input.withNbf) claims['nbf'] = iat;
    if (fault === 'wrong-audience') for (const name of input.audienceClaims) claims[name] = 'another-client.example';
    if (fault === 'replay') claims['nonce'] = halfHash(`${Math.random()}`);
    const token = this.keys.sign(claims, { foreign: fault === 'foreign-key' });
    if (!fault) this.#issued.set(remember, token);
    return token;
  }
}
