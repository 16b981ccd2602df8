// pino options shared by every service: JSON logs, and nothing secret or personal in them.
import type { LoggerOptions } from 'pino';

/** Paths that must never reach a log: credentials, and the leaders' meeting contents. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-goog-channel-token"]',
  'res.headers["set-cookie"]',
  '*.accessToken',
  '*.refreshToken',
  '*.access_token',
  '*.refresh_token',
  '*.id_token',
  '*.idToken',
  '*.token',
  '*.secret',
  '*.clientSecret',
  '*.client_secret',
  '*.clientState',
  '*.password',
  '*.title',
  '*.summary',
  '*.subject',
  '*.description',
  '*.body',
  '*.html',
  '*.text',
];

export function loggerOptions(opts: { level: string; service: string }): LoggerOptions {
  return {
    level: opts.level,
    base: { service: opts.service },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // The query string of a callback carries authorization codes; log the path only.
    serializers: {
      req: (req: { method?: string; url?: string; id?: string }) => ({
        method: req.method,
        url: req.url?.split('?')[0],
        id: req.id,
      }),
    },
  };
}
