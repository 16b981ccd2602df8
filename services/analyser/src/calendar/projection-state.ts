// Whether the projection was ever built: on first start (no marker) the analyser asks calendar-sync to replay every copy.
import { randomUUID } from 'node:crypto';
import { Subjects } from '@ledarsteg/contracts';
import { retryOnDuplicateKey } from '@ledarsteg/store';
import { type Connection, type Model, Schema } from 'mongoose';
import { Collections } from '../collections.js';
import type { AnalyserService } from '../service-context.js';

export interface ProjectionState {
  key: string;
  /** The replay asked for; every replica asks under this id, so JetStream keeps one request. */
  requestId: string;
  published: boolean;
  createdAt: Date;
  requestedAt?: Date;
}

const KEY = 'calendar';

const schema = new Schema<ProjectionState>(
  {
    key: { type: String, required: true },
    requestId: { type: String, required: true },
    published: { type: Boolean, required: true },
    createdAt: { type: Date, required: true },
    requestedAt: Date,
  },
  { versionKey: false, collection: Collections.projectionState },
);
schema.index({ key: 1 }, { unique: true });

export function projectionStateModel(conn: Connection): Model<ProjectionState> {
  return (conn.models['ProjectionState'] as Model<ProjectionState> | undefined) ?? conn.model<ProjectionState>('ProjectionState', schema);
}

export function projectionStateRepository(model: Model<ProjectionState>) {
  return {
    /** The marker, created with a fresh replay id if there is none. */
    async claim(now: Date): Promise<ProjectionState> {
      await retryOnDuplicateKey(() =>
        model.updateOne({ key: KEY }, { $setOnInsert: { key: KEY, requestId: randomUUID(), published: false, createdAt: now } }, { upsert: true }).exec(),
      );
      const doc = await model.findOne({ key: KEY }).lean<ProjectionState>().exec();
      if (!doc) throw new Error('projection marker vanished');
      return doc;
    },
    async markRequested(requestId: string, at: Date): Promise<void> {
      await model.updateOne({ key: KEY, requestId }, { $set: { published: true, requestedAt: at } }).exec();
    },
  };
}

export type ProjectionStateRepository = ReturnType<typeof projectionStateRepository>;

/**
 * Asks calendar-sync for a full replay once per projection: at the first start of an installation (the migration from
 * a shared database), and again after an operator removed the marker to rebuild. Called at start and on every tick,
 * so a failed publish is retried.
 */
export async function ensureProjectionRequested(svc: AnalyserService): Promise<boolean> {
  const state = await svc.projectionState.claim(svc.now());
  if (state.published) return false;
  const now = svc.now();
  await svc.publish(
    Subjects.eventsReplayRequested,
    { requestId: state.requestId, requestedAt: now.toISOString() },
    { id: `replay-${state.requestId}` },
  );
  await svc.projectionState.markRequested(state.requestId, now);
  svc.log.info({ requestId: state.requestId }, 'calendar projection requested from calendar-sync');
  return true;
}
