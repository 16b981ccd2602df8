import t from 'tap';
import { randomBytes } from 'node:crypto';
import { TokenCipher } from '../src/tokens/token-cipher.js';

const key = () => randomBytes(32).toString('base64');

t.test('tokens round-trip, are bound to their record, and never appear in the ciphertext', async (t) => {
  const cipher = new TokenCipher(`k1:${key()}`);
  const sealed = cipher.seal('1//refresh-token-value', 'conn-1');
  t.equal(sealed.keyId, 'k1');
  t.notMatch(Buffer.from(sealed.data, 'base64').toString('latin1'), 'refresh-token-value');
  t.equal(cipher.open(sealed, 'conn-1'), '1//refresh-token-value');
  t.throws(() => cipher.open(sealed, 'conn-2'), 'moved to another record → rejected');
  const tampered = Buffer.from(sealed.data, 'base64');
  tampered[15] = (tampered[15] ?? 0) ^ 1;
  t.throws(() => cipher.open({ keyId: 'k1', data: tampered.toString('base64') }, 'conn-1'), 'tampering is detected');
  t.not(cipher.seal('same', 'c').data, cipher.seal('same', 'c').data, 'a fresh IV every time');
});

t.test('rotation: a new first key encrypts, old keys still decrypt, removed keys fail clearly', async (t) => {
  const k1 = key();
  const k2 = key();
  const old = new TokenCipher(`k1:${k1}`).seal('secret', 'c');
  const rotated = new TokenCipher(`k2:${k2},k1:${k1}`);
  t.equal(rotated.open(old, 'c'), 'secret');
  t.equal(rotated.needsRotation(old), true);
  const resealed = rotated.seal('secret', 'c');
  t.equal(resealed.keyId, 'k2');
  t.equal(rotated.needsRotation(resealed), false);
  t.throws(() => new TokenCipher(`k2:${k2}`).open(old, 'c'), /unknown key id k1/);
});

t.test('bad key specs are refused', async (t) => {
  t.throws(() => new TokenCipher('k1:short'), /32 bytes/);
  t.throws(() => new TokenCipher(`k1:${key()},k1:${key()}`), /repeats/);
});
