// Opens the NATS connection a service lives on: reconnects forever and logs every status change as data.
import { connect, type NatsConnection, type Status } from '@nats-io/transport-node';
import { ConnectFailedError, InvalidOptionsError } from './errors.js';
import type { MessagingLogger } from './logger.js';

export interface ReconnectOptions {
  /** Pause between reconnect attempts. */
  timeWaitMs?: number;
  /** Random extra pause so a fleet does not reconnect in lockstep. */
  jitterMs?: number;
  /** -1 (the default) retries forever: a NATS outage must be survived, not end the process. */
  maxAttempts?: number;
  /** Keep retrying the very first connect too (for start-ups that race the NATS pod). */
  waitOnFirstConnect?: boolean;
}

export interface ConnectNatsOptions {
  servers: string | string[];
  /** Connection name shown by the server's monitoring: use the service name. */
  name: string;
  logger: MessagingLogger;
  reconnect?: ReconnectOptions;
}

export async function connectNats(opts: ConnectNatsOptions): Promise<NatsConnection> {
  const servers = Array.isArray(opts.servers) ? opts.servers : [opts.servers];
  if (servers.length === 0 || servers.some((s) => typeof s !== 'string' || s.length === 0)) {
    throw new InvalidOptionsError('servers must be one or more non-empty URLs');
  }
  if (!opts.name) throw new InvalidOptionsError('name is required');
  const r = opts.reconnect ?? {};
  const log = opts.logger.child({ component: 'nats', connection: opts.name });
  let nc: NatsConnection;
  try {
    nc = await connect({
      servers,
      name: opts.name,
      maxReconnectAttempts: r.maxAttempts ?? -1,
      reconnectTimeWait: r.timeWaitMs ?? 1_000,
      reconnectJitter: r.jitterMs ?? 250,
      waitOnFirstConnect: r.waitOnFirstConnect ?? false,
    });
  } catch (err) {
    throw new ConnectFailedError(servers.join(','), { cause: err });
  }
  log.info({ server: nc.getServer() }, 'nats connected');
  void logStatus(nc, log);
  return nc;
}

async function logStatus(nc: NatsConnection, log: MessagingLogger): Promise<void> {
  try {
    for await (const s of nc.status()) logOne(s, log);
  } catch (err) {
    log.error({ err }, 'nats status stream failed');
  }
}

function logOne(s: Status, log: MessagingLogger): void {
  switch (s.type) {
    case 'disconnect':
      log.warn({ event: s.type, server: s.server }, 'nats disconnected');
      break;
    case 'reconnect':
      log.info({ event: s.type, server: s.server }, 'nats reconnected');
      break;
    case 'reconnecting':
      log.debug({ event: s.type }, 'nats reconnecting');
      break;
    case 'error':
      log.error({ event: s.type, err: s.error }, 'nats server error');
      break;
    case 'staleConnection':
    case 'forceReconnect':
      log.warn({ event: s.type }, 'nats connection reset');
      break;
    case 'ldm':
      log.warn({ event: s.type, server: s.server }, 'nats server entering lame-duck mode');
      break;
    case 'slowConsumer':
      log.warn({ event: s.type, pending: s.pending, subject: s.sub.getSubject() }, 'nats slow consumer');
      break;
    case 'close':
      log.info({ event: s.type }, 'nats connection closed');
      break;
    default:
      // ping and cluster updates are routine; keep them out of the log at info level.
      log.trace({ event: s.type }, 'nats status');
  }
}
