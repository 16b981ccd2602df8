// Rate limits shared by every instance of a service: @fastify/rate-limit counting in a NATS JetStream KV bucket.
import { createHash } from 'node:crypto';
import rateLimit, { type FastifyRateLimitStore, type FastifyRateLimitStoreCtor, type RateLimitOptions } from '@fastify/rate-limit';
import { type KV, Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { createError } from './errors.js';

export const RateLimitErrors = {
  exceeded: createError<[number]>('RATE_LIMITED', 'Too many requests; try again in %d seconds', 429),
};

/** The kinds of traffic that are limited, each with its own allowance per client address and window. */
export type RateLimitKind = 'signIn' | 'webhook' | 'tokenCheck';

export interface RateLimitSettings {
  windowSeconds: number;
  max: Record<RateLimitKind, number>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Route config for a limited route: `{ config: { rateLimit: app.rateLimits.route('signIn') } }`. */
    rateLimits: {
      route(kind: RateLimitKind): RateLimitOptions;
      /** An onRequest hook counting every request of `kind` (for checks that run in a context's own hook). */
      hook(kind: RateLimitKind): ReturnType<FastifyInstance['rateLimit']>;
    };
  }
}

/** Counters outlive any window (at most an hour), then the bucket drops them. */
const BUCKET_TTL_MS = 2 * 3600_000;
const MAX_ATTEMPTS = 20;

/** KV keys allow `[-/_=.A-Za-z0-9]`: a client address (IPv6 colons) or route path is hashed into one. */
const keyPart = (text: string) => createHash('sha256').update(text).digest('base64url');

/**
 * Fixed windows aligned to the epoch, so every instance counts into the same key: `<route>.<client>.<windowStart>`.
 * The increment is a compare-and-set on the entry's revision (or a create that fails if another instance created it
 * first), retried on conflict — never a read-modify-write that could lose a count.
 */
export async function incrementWindow(kv: KV, key: string, timeWindowMs: number, nowMs = Date.now()): Promise<{ current: number; ttl: number }> {
  const windowStart = Math.floor(nowMs / timeWindowMs) * timeWindowMs;
  const entryKey = `${key}.${windowStart}`;
  const ttl = windowStart + timeWindowMs - nowMs;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const entry = await kv.get(entryKey);
    try {
      if (entry?.operation !== 'PUT') {
        await kv.create(entryKey, '1');
        return { current: 1, ttl };
      }
      const current = Number(entry.string()) + 1;
      await kv.update(entryKey, String(current), entry.revision);
      return { current, ttl };
    } catch (err) {
      // Another instance wrote first (wrong last sequence / key exists): read again and retry.
      if (!/wrong last sequence|exists/i.test((err as Error).message)) throw err;
    }
  }
  throw new Error(`rate-limit counter ${key} stayed contended`);
}

/** The store @fastify/rate-limit constructs; one child per limited route keeps routes' counters apart. */
export function kvStore(kv: KV): FastifyRateLimitStoreCtor {
  class KvRateLimitStore implements FastifyRateLimitStore {
    constructor(
      _options: unknown,
      private readonly namespace = 'global',
    ) {}
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      incrementWindow(kv, `${this.namespace}.${keyPart(key)}`, timeWindow).then(
        (result) => callback(null, result),
        (err: Error) => callback(err),
      );
    }
    child(options: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      // What the plugin hands over is the route's merged rate-limit options, not only its RouteOptions.
      const routeOptions = options as unknown as { groupId?: string; routeInfo?: { method?: string | string[]; url?: string } };
      const route = routeOptions.groupId ?? `${String(routeOptions.routeInfo?.method)} ${routeOptions.routeInfo?.url ?? ''}`;
      return new KvRateLimitStore(undefined, keyPart(route));
    }
  }
  return KvRateLimitStore as unknown as FastifyRateLimitStoreCtor;
}

export async function openRateLimitBucket(nc: NatsConnection, prefix: string | undefined, replicas = 1): Promise<KV> {
  return new Kvm(nc).create(prefix ? `${prefix}_rate_limits` : 'rate_limits', { ttl: BUCKET_TTL_MS, history: 1, replicas });
}

/**
 * Registers @fastify/rate-limit over the shared bucket (no route is limited unless it asks) and `app.rateLimits`.
 * A 429 goes through the error handler like every error, with `Retry-After` in seconds.
 */
export const rateLimitsPlugin = fp(
  async (app: FastifyInstance, opts: { kv: KV; settings: RateLimitSettings }) => {
    await app.register(rateLimit, {
      global: false,
      store: kvStore(opts.kv),
      timeWindow: opts.settings.windowSeconds * 1000,
      // Counting must not become the outage: if NATS cannot answer, the request goes through uncounted.
      skipOnError: true,
      addHeaders: { 'x-ratelimit-limit': true, 'x-ratelimit-remaining': true, 'x-ratelimit-reset': true, 'retry-after': true },
      errorResponseBuilder: (_req: FastifyRequest, context: { ttl: number }) => new RateLimitErrors.exceeded(Math.max(1, Math.ceil(context.ttl / 1000))),
    });
    const route = (kind: RateLimitKind): RateLimitOptions => ({
      max: opts.settings.max[kind],
      timeWindow: opts.settings.windowSeconds * 1000,
      groupId: kind,
      hook: 'onRequest',
    });
    app.decorate('rateLimits', { route, hook: (kind: RateLimitKind) => app.rateLimit(route(kind)) });
  },
  { name: '@ledarsteg/rate-limits', fastify: '5.x' },
);
