// What each leader has agreed to share with a coach: the only source of a coach's access.
import type { LedartidGoal } from '@ledarsteg/contracts';
import { retryOnDuplicateKey } from '@ledarsteg/store';
import { type Connection, type Model, Schema } from 'mongoose';
import { Collections } from './collections.js';

export interface Consent {
  userId: string;
  coachId?: string;
  shareWithCoach: boolean;
  displayName?: string;
  ledartidGoal: LedartidGoal;
  /** The leader's own change time, so an older settings message never overrides a newer choice. */
  updatedAt: Date;
}

const consentSchema = new Schema<Consent>(
  {
    userId: { type: String, required: true },
    coachId: String,
    shareWithCoach: { type: Boolean, required: true },
    displayName: String,
    ledartidGoal: {
      blocks: { type: Number, required: true },
      blockMinutes: { type: Number, required: true },
      preferredTime: { type: String, required: true },
    },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: Collections.consents },
);
consentSchema.index({ userId: 1 }, { unique: true });
consentSchema.index({ coachId: 1, shareWithCoach: 1 });

export function consentModel(conn: Connection): Model<Consent> {
  return (conn.models['CoachConsent'] as Model<Consent> | undefined) ?? conn.model<Consent>('CoachConsent', consentSchema);
}

/** The coach a consent currently grants access to, if any. */
export function sharedCoach(consent: Pick<Consent, 'shareWithCoach' | 'coachId'> | null | undefined): string | undefined {
  return consent?.shareWithCoach && consent.coachId ? consent.coachId : undefined;
}

type ConsentUpdate = { $set: Record<string, unknown>; $unset?: Record<string, 1> };

/** The consents repository: what each leader shares, and with which coach. */
export function consentRepository(model: Model<Consent>) {
  return {
    byLeader: (userId: string) => model.findOne({ userId }).lean<Consent>().exec(),
    async forget(userId: string): Promise<boolean> {
      return (await model.deleteOne({ userId }).exec()).deletedCount === 1;
    },
    /** The leader's consent if it currently grants `coachId` access. */
    grantedTo: (userId: string, coachId: string) => model.findOne({ userId, coachId, shareWithCoach: true }).lean<Consent>().exec(),
    /** Leaders who share with `coachId`, by id. */
    sharingWith: (coachId: string, limit: number) => model.find({ coachId, shareWithCoach: true }).sort({ userId: 1 }).limit(limit).lean<Consent[]>().exec(),
    /**
     * Records a leader's choice. With `readAt` (the change time of the consent we read) only if it is still that one,
     * so two instances racing on one leader cannot interleave; false when it changed meanwhile.
     */
    async record(userId: string, update: ConsentUpdate, readAt: Date | undefined): Promise<boolean> {
      if (readAt) return (await model.updateOne({ userId, updatedAt: readAt }, update).exec()).matchedCount === 1;
      await retryOnDuplicateKey(() => model.updateOne({ userId }, { ...update, $setOnInsert: { userId } }, { upsert: true }).exec());
      return true;
    },
  };
}

export type ConsentRepository = ReturnType<typeof consentRepository>;
