// RS256 signing keys of a fake identity provider: a published key ring (rotation-ready by `kid`) and ID-token signing.
import { type KeyObject, generateKeyPairSync, randomBytes, sign } from 'node:crypto';

export interface PublishedJwk {
  kty: string;
  n: string;
  e: string;
  kid: string;
  use: 'sig';
  alg: 'RS256';
}

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  jwk: PublishedJwk;
}

/** How many keys stay published: the signing key and the ones it replaced, so tokens signed before a rotation still verify. */
const PUBLISHED = 3;

const b64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

function newKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(20).toString('hex');
  const { n, e, kty } = publicKey.export({ format: 'jwk' });
  return { kid, privateKey, jwk: { kty: kty ?? 'RSA', n: n ?? '', e: e ?? '', kid, use: 'sig', alg: 'RS256' } };
}

export class SigningKeys {
  /** Newest first; the first one signs. Created lazily: generating an RSA key takes a few tens of milliseconds. */
  #keys: SigningKey[] = [];
  #foreign: KeyObject | undefined;

  #current(): SigningKey {
    if (this.#keys.length === 0) this.#keys.push(newKey());
    return this.#keys[0] as SigningKey;
  }

  /** A key nobody can verify against: the provider never publishes it. */
  #foreignKey(): KeyObject {
    if (!this.#foreign) this.#foreign = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    return this.#foreign;
  }

  /** Starts signing with a new key; the previous ones stay published for a while. Returns the new `kid`. */
  rotate(): string {
    this.#keys.unshift(newKey());
    this.#keys.length = Math.min(this.#keys.length, PUBLISHED);
    return this.#current().kid;
  }

  /** The `kid` new tokens are signed with. */
  currentKid(): string {
    return this.#current().kid;
  }

  /** The JWK Set document served at the provider's jwks_uri. */
  jwks(): { keys: PublishedJwk[] } {
    this.#current();
    return { keys: this.#keys.map((k) => ({ ...k.jwk })) };
  }

  /**
   * A compact RS256 JWS of `claims`. With `foreign`, the header names the published key but the signature is made
   * with a key the provider never published, as a forged token would be.
   */
  sign(claims: Record<string, unknown>, opts: { foreign?: boolean } = {}): string {
    const key = this.#current();
    const header = b64url(JSON.stringify({ alg: 'RS256', kid: key.kid, typ: 'JWT' }));
    const payload = b64url(JSON.stringify(claims));
    const signature = sign('sha256', Buffer.from(`${header}.${payload}`), opts.foreign ? this.#foreignKey() : key.privateKey);
    return `${header}.${payload}.${b64url(signature)}`;
  }
}
