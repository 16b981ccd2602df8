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
  }),
]);
export type NotifierConfig = Static<typeof NotifierConfig>;
