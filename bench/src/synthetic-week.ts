// Seeded synthetic calendar weeks for benchmarks: a leader's mix of meetings, focus blocks, ledartid and out-of-office.
import { type CalendarEvent, isoWeekBounds } from '@ledarsteg/contracts';

/** mulberry32: a small seeded PRNG so every run analyses the same weeks. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LENGTHS = [15, 25, 30, 30, 45, 60, 60, 60, 90, 120];
const ATTENDEES = [1, 2, 2, 2, 3, 4, 5, 6, 8, 10, 15, 30];
const RESPONSES = ['accepted', 'accepted', 'accepted', 'tentative', 'needsAction', 'declined', 'organizer'] as const;

/** `size` events in `week` (leader's zone `zone`), instants in UTC as the sync service stores them. */
export function syntheticWeek(week: string, zone: string, size: number, random: () => number): CalendarEvent[] {
  const monday = isoWeekBounds(week, zone).start;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const events: CalendarEvent[] = [];
  for (let i = 0; i < size; i++) {
    // Mostly weekdays 07–19 on quarter hours; a few weekend or evening events.
    const day = random() < 0.93 ? Math.floor(random() * 5) : 5 + Math.floor(random() * 2);
    const startMinute = (7 * 4 + Math.floor(random() * 12 * 4)) * 15;
    const start = monday.plus({ days: day, minutes: startMinute });
    const end = start.plus({ minutes: pick(LENGTHS) });
    const created = start.minus({ hours: random() < 0.25 ? random() * 24 : 24 + random() * 24 * 30 });
    const attendeeCount = pick(ATTENDEES);
    const roll = random();
    const outOfOffice = roll < 0.01;
    events.push({
      userId: 'bench',
      provider: random() < 0.5 ? 'google' : 'microsoft',
      calendarId: 'primary',
      providerEventId: `e${i}`,
      ...(random() < 0.4 ? { seriesId: `s${i % 17}` } : {}),
      start: start.toUTC().toISO()!,
      end: end.toUTC().toISO()!,
      timeZone: zone,
      allDay: false,
      status: roll > 0.98 ? 'cancelled' : 'confirmed',
      showAs: outOfOffice ? 'oof' : roll < 0.05 ? 'free' : 'busy',
      busy: roll >= 0.05 || outOfOffice,
      kind: outOfOffice ? 'outOfOffice' : 'default',
      attendeeCount,
      selfResponse: pick(RESPONSES),
      selfOptional: random() < 0.15,
      organizerIsSelf: random() < 0.2,
      createdAt: created.toUTC().toISO()!,
      updatedAt: created.toUTC().toISO()!,
      ...(attendeeCount === 1 && random() < 0.3 ? { ledartidBlockId: `blk${i}` } : {}),
      hasTitle: true,
      hasDescription: random() < 0.5,
    });
  }
  return events;
}
