// Rate-limit pauses: per provider app (in process and in `provider_pauses`, shared by every instance) and per connection.
import type { ProviderError, ProviderName } from '@ledarsteg/calendar';
import { retryOnDuplicateKey } from '@ledarsteg/store';
import { type Connection, type Model, Schema } from 'mongoose';
import { Collections } from '../collections.js';
import type { StoredConnection } from '../connections/connection-model.js';
import type { ConnectionRepository } from '../connections/connection-repository.js';
import { type RateLimitScope, rateLimitScope } from './rate-limit-scope.js';

/** When the provider gives no Retry-After. */
export const DEFAULT_PAUSE_MS = 30_000;
/** A Retry-After longer than this is not believed: the pause would look like an outage. */
export const MAX_PAUSE_MS = 15 * 60_000;

interface PauseDoc {
  key: string;
  notBefore: Date;
  updatedAt: Date;
}

const pauseSchema = new Schema<PauseDoc>(
  { key: { type: String, required: true }, notBefore: { type: Date, required: true }, updatedAt: { type: Date, required: true } },
  { versionKey: false, collection: Collections.pauses },
);
pauseSchema.index({ key: 1 }, { unique: true });

export function pauseModel(conn: Connection): Model<PauseDoc> {
  return (conn.models['ProviderPause'] as Model<PauseDoc> | undefined) ?? conn.model<PauseDoc>('ProviderPause', pauseSchema);
}

export interface PauseDecision {
  scope: RateLimitScope;
  /** How long the caller should wait before trying again, jitter included. */
  delayMs: number;
}

export class ProviderPauses {
  readonly #memory = new Map<string, number>();

  constructor(
    private readonly pauses: Model<PauseDoc>,
    private readonly connections: Pick<ConnectionRepository, 'pauseUntil'>,
    private readonly appIds: Record<ProviderName, string>,
    private readonly now: () => Date,
    private readonly random: () => number = Math.random,
  ) {}

  #key(provider: ProviderName): string {
    return `${provider}:${this.appIds[provider]}`;
  }

  /** Up to 20 % (at least 250 ms) on top, so paused connections do not all come back in the same instant. */
  #jittered(ms: number): number {
    return Math.round(ms + this.random() * Math.max(250, ms * 0.2));
  }

  /** Until when the whole provider app is paused (undefined when it is not). */
  async appPausedUntil(provider: ProviderName): Promise<Date | undefined> {
    const key = this.#key(provider);
    const doc = await this.pauses.findOne({ key }).lean<PauseDoc>().exec();
    const until = Math.max(this.#memory.get(key) ?? 0, doc?.notBefore?.getTime() ?? 0);
    return until > this.now().getTime() ? new Date(until) : undefined;
  }

  /** Milliseconds (with jitter) the caller must wait before calling the provider for `conn`; 0 when it may go. */
  async waitFor(conn: Pick<StoredConnection, 'provider' | 'notBefore'>): Promise<number> {
    const now = this.now().getTime();
    const app = (await this.appPausedUntil(conn.provider))?.getTime() ?? 0;
    const until = Math.max(app, conn.notBefore?.getTime() ?? 0);
    return until > now ? this.#jittered(until - now) : 0;
  }

  /** Records a rate limit on the app or the connection, as the error says; returns how long to wait. */
  async record(conn: Pick<StoredConnection, 'connectionId' | 'provider'>, err: ProviderError): Promise<PauseDecision> {
    const scope = rateLimitScope(conn.provider, err);
    const pauseMs = Math.min(err.retryAfterMs ?? DEFAULT_PAUSE_MS, MAX_PAUSE_MS);
    const now = this.now();
    const until = new Date(now.getTime() + pauseMs);
    if (scope === 'app') {
      const key = this.#key(conn.provider);
      this.#memory.set(key, Math.max(this.#memory.get(key) ?? 0, until.getTime()));
      // Only ever lengthened: a short pause reported late must not cut a longer one short.
      await retryOnDuplicateKey(() => this.pauses.updateOne({ key }, { $setOnInsert: { key, notBefore: until, updatedAt: now } }, { upsert: true }).exec());
      await this.pauses.updateOne({ key, notBefore: { $lt: until } }, { $set: { notBefore: until, updatedAt: now } }).exec();
    } else {
      await this.connections.pauseUntil(conn.connectionId, until);
    }
    return { scope, delayMs: this.#jittered(pauseMs) };
  }
}
