// The logger shape the library needs: any pino logger, including Fastify's app.log, fits it.
import type { BaseLogger, Bindings } from 'pino';

export interface MessagingLogger
  extends Pick<BaseLogger, 'level' | 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'> {
  child(bindings: Bindings): MessagingLogger;
}
