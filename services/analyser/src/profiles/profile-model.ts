// Leaders' profiles, as the analyser analyses with them: time zone, working hours, ledartid goal and opt-ins.
import type { UserProfile } from '@ledarsteg/contracts';
import { type OutboxMessage, outboxPath } from '@ledarsteg/store';
import { type Connection, type Model, Schema } from 'mongoose';
import { Collections } from '../collections.js';

export type StoredProfile = UserProfile & {
  createdAt: Date;
  updatedAt: Date;
  /** Messages announcing this profile's changes, written with them and relayed until JetStream confirmed each. */
  outbox?: OutboxMessage[];
  /** Set when the account is being deleted; the document goes once its erasure is done and announced. */
  deletedAt?: Date;
  /** Set when the leader's last calendar was disconnected (and what came of it erased); cleared when one is linked again. */
  calendarErasedAt?: Date;
};

const workingDay = new Schema({ weekday: Number, start: String, end: String }, { _id: false });

const profileSchema = new Schema<StoredProfile>(
  {
    userId: { type: String, required: true },
    email: { type: String, required: true },
    displayName: String,
    timeZone: { type: String, required: true },
    locale: { type: String, required: true },
    workingHours: { type: [workingDay], required: true },
    lunch: { type: new Schema({ start: String, end: String }, { _id: false }), required: false },
    ledartidGoal: {
      blocks: { type: Number, required: true },
      blockMinutes: { type: Number, required: true },
      preferredTime: { type: String, required: true },
    },
    optIns: {
      autoBook: { type: Boolean, required: true },
      weeklyDigest: { type: Boolean, required: true },
      shareWithCoach: { type: Boolean, required: true },
    },
    coachId: String,
    digestAt: { type: new Schema({ weekday: Number, time: String }, { _id: false }), required: false },
    outbox: outboxPath,
    deletedAt: Date,
    calendarErasedAt: Date,
  },
  { versionKey: false, timestamps: true, collection: Collections.profiles },
);
profileSchema.index({ userId: 1 }, { unique: true });
profileSchema.index({ coachId: 1 });

export function profileModel(conn: Connection): Model<StoredProfile> {
  return (conn.models['UserProfile'] as Model<StoredProfile> | undefined) ?? conn.model<StoredProfile>('UserProfile', profileSchema);
}

/** The wire shape of a stored profile. */
export function fromStoredProfile(doc: StoredProfile & { _id?: unknown }): UserProfile {
  const { createdAt: _c, updatedAt: _u, _id, outbox: _o, deletedAt: _d, calendarErasedAt: _e, ...profile } = doc;
  for (const key of ['displayName', 'lunch', 'coachId', 'digestAt'] as const) {
    if (profile[key] === null || profile[key] === undefined) delete profile[key];
  }
  return profile;
}
