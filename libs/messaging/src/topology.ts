// Creates or updates streams and durable pull consumers from their contract definitions, idempotently.
import type { ConsumerDefinition, StreamDefinition } from '@ledarsteg/contracts';
import {
  AckPolicy,
  type ConsumerConfig,
  DeliverPolicy,
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamManager,
  jetstreamManager,
  RetentionPolicy,
  type StreamConfig,
  StorageType,
} from '@nats-io/jetstream';
import { type NatsConnection, nanos } from '@nats-io/transport-node';
import { EnsureFailedError, InvalidOptionsError } from './errors.js';
import { checkPrefix, scopedDurable, scopedStream, scopedSubject } from './naming.js';

export interface TopologyOptions {
  /** Isolates names: `t1` → stream `t1_CALENDAR` over `t1.calendar.>`, durable `t1_<durable>`. */
  prefix?: string;
  /** Copies of each stream in a NATS cluster (1 on a single server; 3 in production clusters). */
  replicas?: number;
}

export type EnsureAction = 'created' | 'updated' | 'unchanged';
export interface EnsureResult {
  name: string;
  action: EnsureAction;
}

function isNotFound(err: unknown, code: number): boolean {
  return err instanceof JetStreamApiError && err.code === code;
}

function positiveInt(value: number, what: string): void {
  if (!Number.isInteger(value) || value <= 0) throw new InvalidOptionsError(`${what} must be a positive integer`);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

export function streamConfigOf(def: StreamDefinition, prefix: string | undefined, replicas = 1) {
  positiveInt(replicas, 'replicas');
  positiveInt(def.maxAgeMs, `${def.name}.maxAgeMs`);
  positiveInt(def.duplicateWindowMs, `${def.name}.duplicateWindowMs`);
  const { name, subjects } = scopedStream(def, prefix);
  return {
    name,
    subjects,
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    max_age: nanos(def.maxAgeMs),
    duplicate_window: nanos(def.duplicateWindowMs),
    num_replicas: replicas,
  } satisfies Partial<StreamConfig> & { name: string };
}

async function ensureStream(jsm: JetStreamManager, def: StreamDefinition, prefix: string | undefined, replicas: number) {
  const want = streamConfigOf(def, prefix, replicas);
  let have: StreamConfig;
  try {
    have = (await jsm.streams.info(want.name)).config;
  } catch (err) {
    if (!isNotFound(err, JetStreamApiCodes.StreamNotFound)) throw err;
    await jsm.streams.add(want);
    return { name: want.name, action: 'created' } as const;
  }
  const same =
    sameSet(have.subjects ?? [], want.subjects) &&
    have.max_age === want.max_age &&
    have.duplicate_window === want.duplicate_window &&
    have.retention === want.retention &&
    have.discard === want.discard &&
    (have.num_replicas ?? 1) === want.num_replicas;
  if (same) return { name: want.name, action: 'unchanged' } as const;
  const { name, storage: _storage, retention: _retention, ...changeable } = want;
  await jsm.streams.update(name, { ...have, ...changeable });
  return { name, action: 'updated' } as const;
}

/** Makes each stream exist with the definition's subjects, limits retention, file storage, max age and dedup window. */
export async function ensureStreams(
  nc: NatsConnection,
  streams: readonly StreamDefinition[],
  opts: TopologyOptions = {},
): Promise<EnsureResult[]> {
  const prefix = checkPrefix(opts.prefix);
  const jsm = await jetstreamManager(nc);
  const results: EnsureResult[] = [];
  for (const def of streams) {
    try {
      results.push(await ensureStream(jsm, def, prefix, opts.replicas ?? 1));
    } catch (err) {
      if (err instanceof InvalidOptionsError) throw err;
      throw new EnsureFailedError(`stream ${def.name}`, { cause: err });
    }
  }
  return results;
}

export function consumerConfigOf(def: ConsumerDefinition, prefix: string | undefined) {
  positiveInt(def.ackWaitMs, `${def.durable}.ackWaitMs`);
  positiveInt(def.maxDeliver, `${def.durable}.maxDeliver`);
  // Backoff is applied by the client on nak (see consumer.ts), not as the server's `backoff`: on
  // nats-server the server-side list replaces ack_wait with its first entry, so long handlers would
  // be redelivered while still running.
  return {
    durable_name: scopedDurable(def.durable, prefix),
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(def.ackWaitMs),
    max_deliver: def.maxDeliver,
    filter_subject: scopedSubject(def.subject, prefix),
  } satisfies Partial<ConsumerConfig>;
}

/** Makes the durable pull consumer exist with explicit ack, ack wait, max deliveries and its one filter subject. */
export async function ensureConsumer(
  nc: NatsConnection,
  def: ConsumerDefinition,
  opts: TopologyOptions = {},
): Promise<EnsureResult> {
  const prefix = checkPrefix(opts.prefix);
  const want = consumerConfigOf(def, prefix);
  const stream = scopedStream(def.stream, prefix).name;
  const name = want.durable_name;
  try {
    const jsm = await jetstreamManager(nc);
    let have: ConsumerConfig;
    try {
      have = (await jsm.consumers.info(stream, name)).config;
    } catch (err) {
      if (!isNotFound(err, JetStreamApiCodes.ConsumerNotFound)) throw err;
      await jsm.consumers.add(stream, want);
      return { name, action: 'created' };
    }
    const same =
      have.ack_wait === want.ack_wait &&
      have.max_deliver === want.max_deliver &&
      have.filter_subject === want.filter_subject &&
      have.ack_policy === want.ack_policy &&
      (have.backoff ?? []).length === 0;
    if (same) return { name, action: 'unchanged' };
    const { durable_name: _d, ack_policy: _a, deliver_policy: _p, ...changeable } = want;
    await jsm.consumers.update(stream, name, { ...changeable, backoff: [] });
    return { name, action: 'updated' };
  } catch (err) {
    throw new EnsureFailedError(`consumer ${stream}/${name}`, { cause: err });
  }
}
