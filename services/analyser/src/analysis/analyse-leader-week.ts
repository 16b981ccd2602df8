// Analyses one leader's week: defends overwritten blocks, runs analyseWeek, stores it and announces a changed result.
import { type CalendarEvent, Subjects, type UserProfile, type WeekAnalysis, type WeekCompleted } from '@ledarsteg/contracts';
import { analyseWeek } from '@ledarsteg/insight';
import type { FastifyBaseLogger } from 'fastify';
import type { AnalyserService } from '../service-context.js';
import { defendBlocks } from '../booking/defend-blocks.js';
import { contentHash, weekMessageId } from './content-hash.js';
import { meetingMinutesPerDay } from './day-loads.js';
import { confirmedBlocks, loadWeekEvents, previousMetrics } from './week-inputs.js';

const MAX_FLAGS_IN_MESSAGE = 200;

function completedMessage(
  userId: string,
  analysis: WeekAnalysis,
  events: CalendarEvent[],
  overwrittenBlocks: number,
  analysedAt: Date,
): WeekCompleted {
  const titles = new Map(events.flatMap((e) => (e.title ? [[e.providerEventId, e.title] as const] : [])));
  const flagged = analysis.flags.slice(0, MAX_FLAGS_IN_MESSAGE);
  // Titles of the meetings to challenge only: what the leader's own digest shows, and nothing more.
  const flaggedTitles = Object.fromEntries(flagged.flatMap((f) => (titles.has(f.providerEventId) ? [[f.providerEventId, titles.get(f.providerEventId)!.slice(0, 1024)]] : [])));
  const m = analysis.metrics;
  return {
    userId,
    week: analysis.week,
    timeZone: analysis.timeZone,
    meetingMinutes: m.meetingMinutes,
    meetingCount: m.meetingCount,
    focusMinutes: m.focusMinutes,
    flaggedMeetings: analysis.flags.length,
    ledartid: { bookedMinutes: m.ledartid.bookedMinutes, keptMinutes: m.ledartid.keptMinutes, overwrittenMinutes: m.ledartid.overwrittenMinutes },
    firefightingIndex: analysis.firefightingIndex,
    analysedAt: analysedAt.toISOString(),
    flags: flagged.map((f) => {
      const title = titles.get(f.providerEventId);
      return {
        providerEventId: f.providerEventId,
        start: f.start,
        end: f.end,
        reasons: f.reasons,
        action: f.action,
        minutesBack: f.minutesBack,
        ...(title ? { title: title.slice(0, 1024) } : {}),
        // What the digest needs to say the insight core's words (`challengeReason`, `challengeMove`) for this flag.
        ...(f.organiser === undefined ? {} : { organiser: f.organiser }),
        ...(f.peopleTime === undefined ? {} : { peopleTime: f.peopleTime }),
        ...(f.keepInstead === undefined ? {} : { keepInstead: f.keepInstead }),
      };
    }),
    overwrittenBlocks,
    analysis,
    titles: flaggedTitles,
    days: meetingMinutesPerDay(events, analysis.week, analysis.timeZone),
  };
}

export type WeekOutcome = { analysis: WeekAnalysis; published: boolean };

export async function analyseLeaderWeek(
  svc: AnalyserService,
  profile: UserProfile,
  week: string,
  opts: { correlationId?: string; log: FastifyBaseLogger },
): Promise<WeekOutcome> {
  const { userId, timeZone } = profile;
  const now = svc.now();
  const events = await loadWeekEvents(svc, userId, week, timeZone);
  await defendBlocks(svc, { profile, week, events, now, ...opts });

  const bookings = await svc.bookings.ofWeek(userId, week);
  const analysis = analyseWeek({
    events,
    profile,
    week,
    now: now.toISOString(),
    previousWeeks: await previousMetrics(svc, userId, week, timeZone),
    // Without any booking history the calendar's own blocks are the measure; with one, LedarSteg's record is.
    ...(bookings.length > 0 ? { bookedBlocks: confirmedBlocks(bookings) } : {}),
  });
  const overwrittenBlocks = bookings.filter((b) => b.overwrittenBy.length > 0).length;
  const hash = contentHash({ analysis, overwrittenBlocks });
  const stored = await svc.analyses.store(userId, week, { timeZone, analysis, overwrittenBlocks, contentHash: hash, analysedAt: now });
  if (stored?.publishedHash === hash) return { analysis, published: false };

  await svc.publish(Subjects.weekCompleted, completedMessage(userId, analysis, events, overwrittenBlocks, now), {
    id: weekMessageId(userId, week, hash),
    ...(opts.correlationId ? { correlationId: opts.correlationId } : {}),
  });
  // Only if nothing newer was stored meanwhile: the newer result announces itself.
  await svc.analyses.markPublished(userId, week, hash);
  opts.log.info({ userId, week }, 'week analysed and announced');
  return { analysis, published: true };
}
