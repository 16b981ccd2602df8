import t from 'tap';
import { linkSigner, parseLinkKeys } from '../src/links/link-tokens.js';

const DAY = 24 * 60 * 60 * 1000;
const now = new Date('2026-03-30T05:00:00Z');
const oldKeys = parseLinkKeys('k1:first-secret-that-is-long-enough-000000');
const rotated = parseLinkKeys('k2:second-secret-that-is-long-enough-00000,k1:first-secret-that-is-long-enough-000000');

t.test('a link verifies for its purpose until it expires', async (t) => {
  const signer = linkSigner(oldKeys, 14 * DAY);
  const token = signer.sign({ p: 'unsubscribe', u: 'u1', j: 'j1' }, now);
  t.match(signer.verify(token, 'unsubscribe', now), { ok: true, claims: { p: 'unsubscribe', u: 'u1', j: 'j1' } });
  t.same(signer.verify(token, 'book', now), { ok: false, why: 'wrong-purpose' }, 'single-purpose');
  t.same(signer.verify(token, 'unsubscribe', new Date(now.getTime() + 14 * DAY)), { ok: false, why: 'expired' });
});

t.test('any change to a link breaks it', async (t) => {
  const signer = linkSigner(oldKeys, DAY);
  const token = signer.sign({ p: 'book', u: 'u1', w: '2026-W14', s: '2026-03-30T12:00:00Z', t: '2026-03-30T13:30:00Z' }, now);
  const [kid, body, mac] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
  const otherLeader = Buffer.from(JSON.stringify({ ...claims, u: 'u2' })).toString('base64url');
  t.same(signer.verify(`${kid}.${otherLeader}.${mac}`, 'book', now), { ok: false, why: 'bad-signature' }, 'another leader');
  const flipped = mac.slice(0, -2) + (mac.at(-2) === 'A' ? 'B' : 'A') + mac.at(-1);
  t.same(signer.verify(`${kid}.${body}.${flipped}`, 'book', now), { ok: false, why: 'bad-signature' }, 'a flipped signature');
  t.same(signer.verify(`k9.${body}.${mac}`, 'book', now), { ok: false, why: 'unknown-key' });
  t.same(signer.verify('garbage', 'book', now), { ok: false, why: 'malformed' });
  t.same(signer.verify(`${kid}.${body}`, 'book', now), { ok: false, why: 'malformed' });
});

t.test('rotation: the new key signs, links signed with the old one still work until it is removed', async (t) => {
  const before = linkSigner(oldKeys, DAY).sign({ p: 'schedule', u: 'u1' }, now);
  const after = linkSigner(rotated, DAY);
  t.match(after.verify(before, 'schedule', now), { ok: true });
  t.match(after.sign({ p: 'schedule', u: 'u1' }, now), /^k2\./);
  const dropped = linkSigner(parseLinkKeys('k2:second-secret-that-is-long-enough-00000'), DAY);
  t.same(dropped.verify(before, 'schedule', now), { ok: false, why: 'unknown-key' });
});
