// Prints what a leader would see: the week in numbers, the meetings to challenge, and the ledartid booked.
import { setTimeout as sleep } from 'node:timers/promises';

interface Flag {
  title?: string;
  start: string;
  reasons: string[];
  action: string;
  minutesBack: number;
  suggestion: { fromMinutes: number; toMinutes: number };
}

interface WeekView {
  week: string;
  metrics: {
    workingMinutes: number;
    meetingMinutes: number;
    meetingCount: number;
    doubleBookedMinutes: number;
    focusMinutes: number;
    fragmentedMinutes: number;
    afterHoursMinutes: number;
    recurringShare: number;
    backToBack: { chains: number };
    ledartid: { bookedMinutes: number; keptMinutes: number; overwrittenMinutes: number };
  };
  flags: Flag[];
  firefightingIndex: number;
}

/** Waits for the analyser to have analysed `week` for `userId` (it follows calendar-sync's synced messages). */
export async function waitForWeek(analyserUrl: string, userId: string, week: string, accept: (w: WeekView) => boolean = () => true, timeoutMs = 60_000): Promise<WeekView> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(`${analyserUrl}/leaders/${userId}/weeks/${week}`);
    if (res.status === 200) {
      const view = (await res.json()) as WeekView;
      if (accept(view)) return view;
    }
    await sleep(300);
  }
  throw new Error(`no analysis of ${week} for ${userId} within ${timeoutMs} ms`);
}

const hours = (minutes: number) => `${(minutes / 60).toFixed(1)} h`;

const ACTIONS: Record<string, string> = {
  decline: 'tacka nej',
  shorten: 'korta',
  make_less_frequent: 'glesa ut',
  delegate: 'delegera',
  ask_for_agenda: 'be om agenda',
};

export function printWeek(name: string, view: WeekView, zone: string): void {
  const m = view.metrics;
  console.log(`\n${name} — vecka ${view.week}`);
  console.log(`  Möten: ${hours(m.meetingMinutes)} av ${hours(m.workingMinutes)} arbetstid, ${m.meetingCount} möten (${Math.round(m.recurringShare * 100)} % återkommande)`);
  console.log(`  Dubbelbokat: ${hours(m.doubleBookedMinutes)}   Efter arbetstid: ${hours(m.afterHoursMinutes)}   Möten i följd: ${m.backToBack.chains} kedjor`);
  console.log(`  Fokustid (≥ 2 h sammanhängande): ${hours(m.focusMinutes)}   Splittrad tid: ${hours(m.fragmentedMinutes)}`);
  console.log(`  Brandkårsindex: ${Math.round(view.firefightingIndex)} / 100`);
  const top = [...view.flags].sort((a, b) => b.minutesBack - a.minutesBack).slice(0, 5);
  if (top.length > 0) console.log('  Möten att ifrågasätta:');
  for (const f of top) {
    const when = new Date(f.start).toLocaleString('sv-SE', { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit' });
    const change = f.action === 'shorten' ? ` ${f.suggestion.fromMinutes}→${f.suggestion.toMinutes} min` : '';
    console.log(`   – ${f.title ?? '(utan titel)'} (${when}): ${ACTIONS[f.action] ?? f.action}${change}, ger ${f.minutesBack} min — ${f.reasons.join(', ')}`);
  }
}

export function printLedartid(view: WeekView, blocks: { start: string; end: string }[], zone: string): void {
  const l = view.metrics.ledartid;
  console.log(`  Ledartid vecka ${view.week}: bokad ${hours(l.bookedMinutes)}, hållen ${hours(l.keptMinutes)}, överskriven ${hours(l.overwrittenMinutes)}`);
  for (const b of blocks) {
    const fmt = (iso: string, opts: Intl.DateTimeFormatOptions) => new Date(iso).toLocaleString('sv-SE', { timeZone: zone, ...opts });
    console.log(`   ▣ ${fmt(b.start, { weekday: 'long', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })}–${fmt(b.end, { hour: '2-digit', minute: '2-digit' })} i kalendern (märkt som LedarSteg-block)`);
  }
}
