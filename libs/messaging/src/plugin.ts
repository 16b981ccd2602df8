// Fastify plugin: one NATS connection per app, streams ensured at start-up, publish and consume decorators, readiness.
import { type ConsumerDefinition, type StreamDefinition, Streams, type Subject } from '@ledarsteg/contracts';
import type { NatsConnection } from '@nats-io/transport-node';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { connectNats, type ReconnectOptions } from './connect.js';
import { type Handler, type RunningConsumer, type StartConsumerOptions, startConsumer } from './consumer.js';
import { InvalidOptionsError } from './errors.js';
import type { MessagingLogger } from './logger.js';
import { checkPrefix } from './naming.js';
import { createPublisher, type Publish } from './publisher.js';
import { ensureConsumer, ensureStreams } from './topology.js';

export interface MessagingPluginOptions {
  /** NATS URLs; the plugin then owns the connection and drains it on close. */
  servers?: string | string[];
  /** An existing connection; the plugin never closes it. */
  nc?: NatsConnection;
  /** Connection name and the `service` written on dead letters. */
  name: string;
  prefix?: string;
  /** Stream replicas in a NATS cluster; default 1. */
  streamReplicas?: number;
  /** Streams ensured at start-up; DEADLETTER is added when missing, since every consumer needs it. */
  streams: readonly StreamDefinition[];
  /** Defaults to the app's logger. */
  logger?: MessagingLogger;
  reconnect?: ReconnectOptions;
}

export type ConsumeOptions = Omit<StartConsumerOptions, 'logger' | 'prefix' | 'service'> & { service?: string };

export interface Messaging {
  /** Ensures the durable consumer, then starts it; it is stopped when the app closes. */
  consume<S extends Subject>(
    def: ConsumerDefinition & { subject: S },
    handler: Handler<S>,
    opts?: ConsumeOptions,
  ): Promise<RunningConsumer>;
  /** Connected, not closed, draining or reconnecting, by the client's own account (no round trip). */
  isReady(): boolean;
  /**
   * Connected and the server answers a PING within `timeoutMs`: what /readyz reports. The client's own state alone
   * stays "connected" for minutes while a hung server answers nothing.
   */
  ping(timeoutMs: number): Promise<boolean>;
  readonly prefix: string | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    nats: NatsConnection;
    publish: Publish;
    messaging: Messaging;
  }
}

async function messagingPlugin(app: FastifyInstance, opts: MessagingPluginOptions): Promise<void> {
  if (!opts.name) throw new InvalidOptionsError('name is required');
  if ((opts.nc === undefined) === (opts.servers === undefined)) {
    throw new InvalidOptionsError('give exactly one of servers or nc');
  }
  const prefix = checkPrefix(opts.prefix);
  const logger: MessagingLogger = opts.logger ?? app.log;
  const owned = opts.nc === undefined;
  const nc =
    opts.nc ??
    (await connectNats({
      servers: opts.servers ?? [],
      name: opts.name,
      logger,
      ...(opts.reconnect ? { reconnect: opts.reconnect } : {}),
    }));

  // Tracks the link ourselves: an injected connection gives no other way to know we are mid-reconnect.
  let connected = true;
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect' || s.type === 'reconnecting' || s.type === 'staleConnection') connected = false;
      else if (s.type === 'reconnect') connected = true;
    }
  })().catch(() => undefined);

  try {
    const streams = opts.streams.some((s) => s.name === Streams.deadLetter.name)
      ? opts.streams
      : [...opts.streams, Streams.deadLetter];
    await ensureStreams(nc, streams, { prefix, ...(opts.streamReplicas ? { replicas: opts.streamReplicas } : {}) });
  } catch (err) {
    if (owned) await nc.close();
    throw err;
  }

  const consumers = new Set<RunningConsumer>();
  const messaging: Messaging = {
    prefix,
    isReady: () => connected && !nc.isClosed() && !nc.isDraining(),
    async ping(timeoutMs) {
      if (!messaging.isReady()) return false;
      let timer: NodeJS.Timeout | undefined;
      try {
        return await Promise.race([
          nc.flush().then(() => true),
          new Promise<boolean>((resolve) => {
            timer = setTimeout(() => resolve(false), timeoutMs);
          }),
        ]);
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
      }
    },
    async consume(def, handler, o = {}) {
      await ensureConsumer(nc, def, { prefix });
      const running = await startConsumer(nc, def, handler, {
        ...o,
        logger,
        service: o.service ?? opts.name,
        ...(prefix ? { prefix } : {}),
      });
      consumers.add(running);
      return running;
    },
  };

  app.decorate('nats', nc);
  app.decorate('publish', createPublisher(nc, { logger, ...(prefix ? { prefix } : {}) }));
  app.decorate('messaging', messaging);

  // Consumers first, so in-flight handlers can still ack; then the connection, if it is ours.
  app.addHook('onClose', async () => {
    await Promise.all([...consumers].map((c) => c.stop()));
    if (owned && !nc.isClosed()) await nc.drain();
  });
}

export const messaging = fp(messagingPlugin, { name: '@ledarsteg/messaging', fastify: '5.x' });
