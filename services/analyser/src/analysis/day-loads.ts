// Meeting minutes per local day of a week: the digest's picture of the week. Pure.
import { type CalendarEvent, isoWeekBounds } from '@ledarsteg/contracts';
import { isMeeting } from '@ledarsteg/insight';

export type DayLoad = { date: string; meetingMinutes: number };

/** For each of the week's seven days in `zone`, the minutes covered by at least one meeting (overlaps count once). */
export function meetingMinutesPerDay(events: readonly CalendarEvent[], week: string, zone: string): DayLoad[] {
  const { start } = isoWeekBounds(week, zone);
  const meetings = events.filter(isMeeting).map((e) => [Date.parse(e.start), Date.parse(e.end)] as const);
  const days: DayLoad[] = [];
  for (let i = 0; i < 7; i++) {
    const day = start.plus({ days: i });
    const from = day.toMillis();
    const to = day.plus({ days: 1 }).toMillis();
    const clipped = meetings
      .map(([s, e]) => [Math.max(s, from), Math.min(e, to)] as const)
      .filter(([s, e]) => e > s)
      .sort((a, b) => a[0] - b[0]);
    let total = 0;
    let runStart = -1;
    let runEnd = -1;
    for (const [s, e] of clipped) {
      if (s > runEnd) {
        total += runEnd - runStart;
        runStart = s;
        runEnd = e;
      } else if (e > runEnd) runEnd = e;
    }
    total += runEnd - runStart;
    days.push({ date: day.toFormat('yyyy-MM-dd'), meetingMinutes: Math.round(total / 60_000) });
  }
  return days;
}
