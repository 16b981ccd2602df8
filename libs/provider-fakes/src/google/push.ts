// Push channels: `sync` on creation, then an empty-bodied POST with X-Goog-* headers to every live channel on each change.
import type { FakeClock } from './clock.js';
import { googleErrors } from './errors.js';

export interface Channel {
  id: string;
  resourceId: string;
  resourceUri: string;
  calendarId: string;
  account: string;
  address: string;
  token?: string;
  expirationMs: number;
  stopped: boolean;
}

export interface Delivery {
  channelId: string;
  state: 'sync' | 'exists' | 'not_exists';
  messageNumber: number;
  /** HTTP status the receiver answered, or the network error's message. */
  outcome: number | string;
}

export interface WatchInput {
  id: string;
  address: string;
  token?: string;
  expirationMs?: number;
}

export class PushChannels {
  readonly channels = new Map<string, Channel>();
  readonly deliveries: Delivery[] = [];
  readonly #inFlight = new Set<Promise<void>>();
  #messageNumber = 1;

  constructor(
    private readonly clock: FakeClock,
    private readonly maxLifetimeMs: number,
  ) {}

  open(calendarId: string, account: string, resourceId: string, resourceUri: string, input: WatchInput): Channel {
    const existing = this.channels.get(input.id);
    if (existing && !existing.stopped) throw googleErrors.invalid(`Channel id ${input.id} not unique`);
    const now = this.clock.nowMs();
    const cap = now + this.maxLifetimeMs;
    const channel: Channel = {
      id: input.id,
      resourceId,
      resourceUri,
      calendarId,
      account,
      address: input.address,
      // An expiration in the past or beyond the cap gets the cap, as Google does for over-long requests.
      expirationMs: input.expirationMs !== undefined && input.expirationMs > now ? Math.min(input.expirationMs, cap) : cap,
      stopped: false,
      ...(input.token !== undefined ? { token: input.token } : {}),
    };
    this.channels.set(channel.id, channel);
    // Google may deliver `sync` before the watch response arrives.
    this.#send(channel, 'sync', 1);
    return channel;
  }

  stop(id: string, resourceId: string, account: string): void {
    const channel = this.channels.get(id);
    if (!channel || channel.resourceId !== resourceId || channel.account !== account || channel.stopped) throw googleErrors.notFound();
    channel.stopped = true;
  }

  notify(calendarId: string): void {
    const now = this.clock.nowMs();
    for (const channel of this.channels.values()) {
      if (channel.calendarId !== calendarId || channel.stopped || channel.expirationMs <= now) continue;
      // Message numbers grow but are not consecutive per channel: one counter serves every channel.
      this.#messageNumber += 1 + Math.floor(Math.random() * 3);
      this.#send(channel, 'exists', this.#messageNumber);
    }
  }

  /** Resolves when every notification sent so far has been answered (or failed). */
  async settled(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  #send(channel: Channel, state: Delivery['state'], messageNumber: number): void {
    const headers: Record<string, string> = {
      'X-Goog-Channel-ID': channel.id,
      'X-Goog-Message-Number': String(messageNumber),
      'X-Goog-Resource-ID': channel.resourceId,
      'X-Goog-Resource-State': state,
      'X-Goog-Resource-URI': channel.resourceUri,
      'X-Goog-Channel-Expiration': new Date(channel.expirationMs).toUTCString(),
    };
    if (channel.token !== undefined) headers['X-Goog-Channel-Token'] = channel.token;
    const delivery = fetch(channel.address, { method: 'POST', headers, signal: AbortSignal.timeout(10_000) }).then(
      async (res) => {
        await res.arrayBuffer();
        this.deliveries.push({ channelId: channel.id, state, messageNumber, outcome: res.status });
      },
      (err: unknown) => {
        this.deliveries.push({ channelId: channel.id, state, messageNumber, outcome: err instanceof Error ? err.message : String(err) });
      },
    );
    this.#inFlight.add(delivery);
    void delivery.finally(() => this.#inFlight.delete(delivery));
  }
}
