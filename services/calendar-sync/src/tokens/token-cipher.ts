// OAuth tokens at rest: AES-256-GCM with the key id stored beside each ciphertext, so keys can rotate.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface Sealed {
  /** Which key sealed it. */
  keyId: string;
  /** base64 of iv (12 bytes) ‖ ciphertext ‖ tag (16 bytes). */
  data: string;
}

export class TokenCipher {
  private readonly keys: Map<string, Buffer>;
  readonly currentKeyId: string;

  /** `spec` is TOKEN_KEYS: `keyId:base64key,…`; the first key encrypts, every key decrypts. */
  constructor(spec: string) {
    const entries = spec.split(',').map((pair) => {
      const at = pair.indexOf(':');
      const id = pair.slice(0, at);
      const key = Buffer.from(pair.slice(at + 1), 'base64');
      if (at < 1 || key.length !== 32) throw new RangeError(`TOKEN_KEYS entry "${id || '?'}" must be keyId:<base64 of 32 bytes>`);
      return [id, key] as const;
    });
    if (entries.length === 0) throw new RangeError('TOKEN_KEYS has no key');
    this.keys = new Map(entries);
    if (this.keys.size !== entries.length) throw new RangeError('TOKEN_KEYS repeats a key id');
    this.currentKeyId = entries[0]![0];
  }

  /** `context` (e.g. the connection id) is bound as associated data: a ciphertext moved to another record fails. */
  seal(plaintext: string, context: string): Sealed {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { keyId: this.currentKeyId, data: Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64') };
  }

  open(sealed: Sealed, context: string): string {
    const key = this.keys.get(sealed.keyId);
    if (!key) throw new Error(`token sealed with unknown key id ${sealed.keyId}`);
    const raw = Buffer.from(sealed.data, 'base64');
    if (raw.length < 29) throw new Error('sealed token is truncated');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
  }

  /** True when `sealed` should be re-sealed with the current key. */
  needsRotation(sealed: Sealed): boolean {
    return sealed.keyId !== this.currentKeyId;
  }
}
