// The notifier's environment.
import { type Static, Type } from '@sinclair/typebox';
import { CommonConfig } from '@ledarsteg/service-kit';

export const NotifierConfig = Type.Composite([
  CommonConfig,
  Type.Object({
    PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3003 }),
    SMTP_URL: Type.String({ pattern: '^smtps?://[^\\s]+$', description: 'SMTP server as smtp://user:pass@host:port or smtps://…' }),
    MAIL_FROM: Type.String({ format: 'email', description: 'sender address of every email, e.g. hej@ledarsteg.se' }),
    PUBLIC_URL: Type.String({
      default: 'http://localhost:3001',
      pattern: '^https?://[^\\s]+$',
      description: 'where leaders reach the web app; reconnect links point here',
    }),
    LINK_BASE_URL: Type.String({
      default: 'http://localhost:3003',
      pattern: '^https?://[^\\s]+$',
      description: "where the notifier's own pages (the digest's book, unsubscribe and change-time links) are reached",
    }),
    LINK_KEYS: Type.String({
      pattern: '^[A-Za-z0-9_-]{1,16}:[^,\\s]{32,}(,[A-Za-z0-9_-]{1,16}:[^,\\s]{32,})*$',
      description: 'secrets that sign the digest links, as kid:secret[,kid:secret…]; the first signs, all verify; secrets of 32+ characters',
    }),
    LINK_TTL_DAYS: Type.Integer({ minimum: 1, maximum: 60, default: 14, description: 'how long a digest link works' }),
    DIGEST_POLL_SECONDS: Type.Number({ minimum: 0.05, maximum: 3600, default: 30, description: 'how often due digests are looked for' }),
    DIGEST_LEASE_SECONDS: Type.Number({ minimum: 1, maximum: 3600, default: 600, description: 'how long one instance holds a digest it is sending' }),
    DIGEST_RETRY_SECONDS: Type.Number({ minimum: 0.05, maximum: 3600, default: 60, description: 'first delay after a temporary SMTP failure; doubles each attempt, at most an hour' }),
    DIGEST_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 50, default: 10, description: 'attempts at one digest before it is given up for that week' }),
  }),
]);
export type NotifierConfig = Static<typeof NotifierConfig>;
