// Benchmark of the insight core: analyseWeek + proposeLedartid over seeded synthetic weeks, events analysed per second.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CalendarEvent, type UserProfile, defaultProfile, isoWeekBounds } from '@ledarsteg/contracts';
import { analyseWeek, proposeLedartid } from '@ledarsteg/insight';

const SIZES = [20, 50, 100, 200, 400];
const WEEKS_PER_SIZE = 40;
const MIN_SECONDS_PER_SIZE = 2;
const ZONE = 'Europe/Stockholm';
const NOW = '2026-01-01T00:00:00Z';

/** mulberry32: a small seeded PRNG so every run analyses the same weeks. */
function prng(seed: number): () => number {
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

function syntheticWeek(week: string, size: number, random: () => number): CalendarEvent[] {
  const monday = isoWeekBounds(week, ZONE).start;
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
      timeZone: ZONE,
      allDay: false,
      status: roll > 0.98 ? 'cancelled' : 'confirmed',
      showAs: outOfOffice ? 'oof' : roll < 0.05 ? 'free' : 'busy',
      busy: roll >= 0.05 || outOfOffice,
      kind: outOfOffice ? 'outOfOffice' : 'default',
      attendeeCount,
      selfResponse: pick(['accepted', 'accepted', 'accepted', 'tentative', 'needsAction', 'declined', 'organizer'] as const),
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

type Row = { eventsPerWeek: number; weeks: number; runs: number; seconds: number; eventsPerSecond: number; microsPerWeek: number };

function measure(size: number, profile: UserProfile): Row {
  const random = prng(size * 7919);
  const weeks = Array.from({ length: WEEKS_PER_SIZE }, (_, i) => {
    const week = `2026-W${String((i % 52) + 1).padStart(2, '0')}`;
    return { week, events: syntheticWeek(week, size, random) };
  });
  const runOnce = () => {
    for (const w of weeks) {
      analyseWeek({ events: w.events, profile, week: w.week, now: NOW });
      proposeLedartid({ events: w.events, profile, week: w.week, now: NOW });
    }
  };
  runOnce(); // warm-up: JIT and compiled validators
  let runs = 0;
  const started = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < MIN_SECONDS_PER_SIZE) {
    runOnce();
    runs++;
    elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  }
  const analysedWeeks = runs * weeks.length;
  return {
    eventsPerWeek: size,
    weeks: analysedWeeks,
    runs,
    seconds: Math.round(elapsed * 1000) / 1000,
    eventsPerSecond: Math.round((analysedWeeks * size) / elapsed),
    microsPerWeek: Math.round((elapsed / analysedWeeks) * 1e6),
  };
}

const profile = defaultProfile({ userId: 'bench', email: 'bench@example.com', timeZone: ZONE });
const rows = SIZES.map((size) => measure(size, profile));

console.log('| events/week | weeks analysed | µs per week (analyse + propose) | events/s (1 thread) |');
console.log('|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.eventsPerWeek} | ${r.weeks} | ${r.microsPerWeek} | ${r.eventsPerSecond.toLocaleString('en-US')} |`);

const out = resolve(dirname(fileURLToPath(import.meta.url)), '../results/insight.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify({ benchmark: 'insight', node: process.version, measuredAt: new Date().toISOString(), goalEventsPerSecond: 1_000_000, cores: cpus().length, loadAverage: loadavg(), rows }, null, 2)}\n`,
);
console.log(`\nload average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores — numbers on a busy machine are a floor`);
console.log(`written ${out}`);
