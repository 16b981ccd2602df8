// Signed digest links: HMAC-SHA256 under a key id (so keys can rotate), one purpose each, an expiry and a token id.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

export const LinkPurpose = Type.Union([Type.Literal('book'), Type.Literal('unsubscribe'), Type.Literal('schedule')]);
export type LinkPurpose = Static<typeof LinkPurpose>;

/** What a link carries. Short names keep the URLs short; nothing in it is secret, everything in it is signed. */
export const LinkClaims = Type.Object(
  {
    /** purpose */
    p: LinkPurpose,
    /** leader */
    u: Type.String({ minLength: 1, maxLength: 200 }),
    /** token id: the single-use key */
    j: Type.String({ minLength: 1, maxLength: 64 }),
    /** expiry, seconds since the epoch */
    e: Type.Integer({ minimum: 0 }),
    /** week, for book links */
    w: Type.Optional(Type.String({ pattern: '^\\d{4}-W\\d{2}$' })),
    /** slot start and end, for book links */
    s: Type.Optional(Type.String({ maxLength: 40 })),
    t: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
export type LinkClaims = Static<typeof LinkClaims>;

export type LinkCheck =
  | { ok: true; claims: LinkClaims }
  | { ok: false; why: 'malformed' | 'unknown-key' | 'bad-signature' | 'wrong-purpose' | 'expired' };

export interface LinkSigner {
  sign(claims: Omit<LinkClaims, 'j' | 'e'> & { j?: string }, now: Date): string;
  verify(token: string, purpose: LinkPurpose, now: Date): LinkCheck;
}

/** Parses LINK_KEYS (kid:secret,kid:secret…): the first key signs, every key verifies. */
export function parseLinkKeys(value: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  for (const part of value.split(',')) {
    const at = part.indexOf(':');
    keys.set(part.slice(0, at), Buffer.from(part.slice(at + 1), 'utf8'));
  }
  return keys;
}

function mac(key: Buffer, kid: string, body: string): Buffer {
  return createHmac('sha256', key).update(`ledarsteg-link\n${kid}\n${body}`).digest();
}

export function linkSigner(keys: Map<string, Buffer>, ttlMs: number): LinkSigner {
  const [signingKid, signingKey] = [...keys.entries()][0] ?? [];
  if (!signingKid || !signingKey) throw new RangeError('at least one link key is needed');
  return {
    sign(claims, now) {
      const full: LinkClaims = { ...claims, j: claims.j ?? randomUUID(), e: Math.floor((now.getTime() + ttlMs) / 1000) };
      const body = Buffer.from(JSON.stringify(full), 'utf8').toString('base64url');
      return `${signingKid}.${body}.${mac(signingKey, signingKid, body).toString('base64url')}`;
    },
    verify(token, purpose, now) {
      const parts = token.split('.');
      if (parts.length !== 3) return { ok: false, why: 'malformed' };
      const [kid, body, signature] = parts as [string, string, string];
      const key = keys.get(kid);
      if (!key) return { ok: false, why: 'unknown-key' };
      const expected = mac(key, kid, body);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, why: 'bad-signature' };
      let claims: unknown;
      try {
        claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      } catch {
        return { ok: false, why: 'malformed' };
      }
      if (!Value.Check(LinkClaims, claims)) return { ok: false, why: 'malformed' };
      if (claims.p !== purpose) return { ok: false, why: 'wrong-purpose' };
      if (claims.e * 1000 <= now.getTime()) return { ok: false, why: 'expired' };
      return { ok: true, claims };
    },
  };
}
