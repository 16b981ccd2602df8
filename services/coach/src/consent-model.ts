// What each leader has agreed to share with a coach: the only source of a coach's access.
import type { LedartidGoal } from '@ledarsteg/contracts';
import { type Connection, type Model, Schema } from 'mongoose';

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
  { versionKey: false, collection: 'coach_consents' },
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
