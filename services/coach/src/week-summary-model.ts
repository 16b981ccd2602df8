// A leader's week as their coach sees it: totals only, stored for the coach the leader shared it with.
import { type Connection, type Model, Schema } from 'mongoose';

export interface WeekSummary {
  userId: string;
  /** The coach this copy was shared with; a change of coach deletes it. */
  coachId: string;
  week: string;
  timeZone: string;
  meetingMinutes: number;
  meetingCount: number;
  focusMinutes: number;
  flaggedMeetings: number;
  ledartid: { bookedMinutes: number; keptMinutes: number; overwrittenMinutes: number };
  firefightingIndex: number;
  analysedAt: Date;
}

const weekSummarySchema = new Schema<WeekSummary>(
  {
    userId: { type: String, required: true },
    coachId: { type: String, required: true },
    week: { type: String, required: true },
    timeZone: { type: String, required: true },
    meetingMinutes: { type: Number, required: true },
    meetingCount: { type: Number, required: true },
    focusMinutes: { type: Number, required: true },
    flaggedMeetings: { type: Number, required: true },
    ledartid: {
      bookedMinutes: { type: Number, required: true },
      keptMinutes: { type: Number, required: true },
      overwrittenMinutes: { type: Number, required: true },
    },
    firefightingIndex: { type: Number, required: true },
    analysedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'coach_week_summaries' },
);
weekSummarySchema.index({ userId: 1, week: 1 }, { unique: true });
weekSummarySchema.index({ coachId: 1, userId: 1, week: -1 });

export function weekSummaryModel(conn: Connection): Model<WeekSummary> {
  return (conn.models['CoachWeekSummary'] as Model<WeekSummary> | undefined) ?? conn.model<WeekSummary>('CoachWeekSummary', weekSummarySchema);
}
