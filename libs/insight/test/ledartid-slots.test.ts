// Ledartid slots: examples for each placement rule, and fast-check properties of the slot invariants.
import fc from 'fast-check';
import t from 'tap';
import { LEDARTID_BUSY_BUFFER_MINUTES, proposeLedartid } from '../src/index.js';
import { at, meeting, profile } from './fixtures/event-builder.js';

const WEEK = '2026-W48';
const NOW = '2026-11-20T08:00:00Z';
const DAYS = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'];
const ms = (iso: string) => Date.parse(iso);

t.test('an empty week: two 90-minute blocks on different days, avoiding lunch', async (t) => {
  const p = proposeLedartid({ events: [], profile: profile(), week: WEEK, now: NOW });
  t.equal(p.slots.length, 2);
  t.not(p.slots[0]!.day, p.slots[1]!.day);
  t.same([p.goalMinutes, p.proposedMinutes, p.shortfallMinutes, p.existingMinutes], [180, 180, 0, 0]);
  t.same(p.tradeOffs, []);
});

t.test('preferred time of day', async (t) => {
  const pick = (preferredTime: 'morning' | 'afternoon') =>
    proposeLedartid({
      events: [],
      profile: profile({ lunch: undefined, ledartidGoal: { blocks: 1, blockMinutes: 90, preferredTime } }),
      week: WEEK,
      now: NOW,
    }).slots[0]!;
  t.equal(pick('morning').start, at('2026-11-23 08:00'));
  t.equal(pick('afternoon').start, at('2026-11-23 12:00'));
});

t.test('keeps a buffer from busy time and prefers the largest free gap', async (t) => {
  const events = DAYS.map((d) => meeting(d, '08:00', '16:00'));
  events[2] = meeting(DAYS[2]!, '08:00', '13:00'); // Wednesday 13:00–17:00 free
  const p = proposeLedartid({
    events,
    profile: profile({ ledartidGoal: { blocks: 1, blockMinutes: 90, preferredTime: 'any' } }),
    week: WEEK,
    now: NOW,
  });
  t.same(p.slots, [{ start: at(`${DAYS[2]} 13:15`), end: at(`${DAYS[2]} 14:45`), day: DAYS[2] }], '10 min buffer, aligned to :15');
});

t.test('never before now', async (t) => {
  const p = proposeLedartid({
    events: [],
    profile: profile({ ledartidGoal: { blocks: 1, blockMinutes: 90, preferredTime: 'morning' } }),
    week: WEEK,
    now: at('2026-11-27 09:07'),
  });
  t.same(p.slots, [{ start: at('2026-11-27 09:15'), end: at('2026-11-27 10:45'), day: '2026-11-27' }]);
  const late = proposeLedartid({ events: [], profile: profile(), week: WEEK, now: at('2026-11-27 16:00') });
  t.same(late.slots, []);
  t.equal(late.shortfallMinutes, 180);
});

t.test('existing ledartid counts towards the goal and its day is used last', async (t) => {
  const booked = meeting(DAYS[0]!, '08:00', '09:30', { attendeeCount: 1, ledartidBlockId: 'blk01' });
  const p = proposeLedartid({ events: [booked], profile: profile(), week: WEEK, now: NOW });
  t.equal(p.slots.length, 1);
  t.not(p.slots[0]!.day, DAYS[0]);
  t.same([p.existingMinutes, p.proposedMinutes, p.shortfallMinutes], [90, 90, 0]);
  const inFlight = proposeLedartid({
    events: [],
    profile: profile(),
    week: WEEK,
    now: NOW,
    existingBlocks: [
      { blockId: 'blk01', start: at(`${DAYS[1]} 08:00`), end: at(`${DAYS[1]} 09:30`) },
      { blockId: 'blk02', start: at(`${DAYS[2]} 08:00`), end: at(`${DAYS[2]} 09:30`) },
    ],
  });
  t.same(inFlight.slots, [], 'the goal is already met by the booked blocks');
  t.equal(inFlight.shortfallMinutes, 0);
});

t.test('when only one day has room, both blocks go there (goal over spreading)', async (t) => {
  const events = DAYS.slice(1).map((d) => meeting(d, '08:00', '17:00'));
  const p = proposeLedartid({ events, profile: profile({ lunch: undefined }), week: WEEK, now: NOW });
  t.equal(p.slots.length, 2);
  t.ok(p.slots.every((s) => s.day === DAYS[0]));
  t.ok(ms(p.slots[1]!.start) - ms(p.slots[0]!.end) >= LEDARTID_BUSY_BUFFER_MINUTES * 60_000);
});

// --- properties -------------------------------------------------------------------------------------------

const WORK_START = 8 * 60;
const WORK_END = 17 * 60;
const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

const arbMeeting = fc
  .record({ day: fc.integer({ min: 0, max: 6 }), start: fc.integer({ min: 6 * 4, max: 19 * 4 }), quarters: fc.integer({ min: 1, max: 16 }) })
  .map(({ day, start, quarters }) => {
    const from = start * 15;
    const to = Math.min(from + quarters * 15, 23 * 60 + 45);
    return { day, from, to };
  });

const arbScenario = fc.record({
  meetings: fc.array(arbMeeting, { maxLength: 25 }),
  blocks: fc.integer({ min: 1, max: 4 }),
  blockMinutes: fc.constantFrom(30, 45, 60, 90, 120),
  preferredTime: fc.constantFrom('morning' as const, 'afternoon' as const, 'any' as const),
  nowDay: fc.integer({ min: -1, max: 4 }),
  nowMinute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
});

const ALL_DAYS = [...DAYS, '2026-11-28', '2026-11-29'];

t.test('property: slots avoid busy time + buffer, stay in working hours minus lunch, never before now', async (t) => {
  fc.assert(
    fc.property(arbScenario, (s) => {
      const events = s.meetings.map((m) => meeting(ALL_DAYS[m.day]!, hhmm(m.from), hhmm(m.to)));
      const now = s.nowDay < 0 ? NOW : at(`${ALL_DAYS[s.nowDay]} ${hhmm(s.nowMinute)}`);
      const p = proposeLedartid({
        events,
        profile: profile({ ledartidGoal: { blocks: s.blocks, blockMinutes: s.blockMinutes, preferredTime: s.preferredTime } }),
        week: WEEK,
        now,
      });
      const buffer = LEDARTID_BUSY_BUFFER_MINUTES * 60_000;
      for (const slot of p.slots) {
        const [start, end] = [ms(slot.start), ms(slot.end)];
        if (end - start !== s.blockMinutes * 60_000) return false;
        if (start < ms(now)) return false;
        const dayIndex = ALL_DAYS.indexOf(slot.day);
        if (dayIndex < 0 || dayIndex > 4) return false;
        const dayStart = ms(at(`${slot.day} ${hhmm(WORK_START)}`));
        const dayEnd = ms(at(`${slot.day} ${hhmm(WORK_END)}`));
        const [lunchStart, lunchEnd] = [ms(at(`${slot.day} 11:30`)), ms(at(`${slot.day} 12:30`))];
        if (start < dayStart || end > dayEnd) return false;
        if (start < lunchEnd && end > lunchStart) return false;
        for (const e of events) if (ms(e.start) - buffer < end && ms(e.end) + buffer > start) return false;
      }
      for (let i = 1; i < p.slots.length; i++) if (ms(p.slots[i]!.start) < ms(p.slots[i - 1]!.end) + buffer) return false;
      return p.proposedMinutes === p.slots.length * s.blockMinutes && p.shortfallMinutes === p.goalMinutes - p.proposedMinutes;
    }),
    { numRuns: 300, seed: 4711 },
  );
  t.pass('300 random weeks hold the invariants');
});

t.test('property: the goal is met whenever enough days have a long enough free gap', async (t) => {
  // Each of `freeDays` days keeps one clear window of the block length plus both buffers; the rest is busy.
  const arbRoomy = fc.record({
    blocks: fc.integer({ min: 1, max: 5 }),
    blockMinutes: fc.constantFrom(30, 60, 90, 120),
    extraDays: fc.integer({ min: 0, max: 2 }),
    gapStartQuarter: fc.integer({ min: 0, max: 4 }),
    preferredTime: fc.constantFrom('morning' as const, 'afternoon' as const, 'any' as const),
  });
  fc.assert(
    fc.property(arbRoomy, (s) => {
      const freeDays = Math.min(5, s.blocks + s.extraDays);
      const events = DAYS.flatMap((d, i) => {
        if (i >= freeDays) return [meeting(d, '08:00', '17:00')];
        // After lunch; the gap opens on a quarter hour once the buffer has passed (slots start on quarters).
        const gapFrom = 12 * 60 + 35 + s.gapStartQuarter * 15;
        const gapTo = gapFrom + s.blockMinutes + 2 * LEDARTID_BUSY_BUFFER_MINUTES;
        const busy = [meeting(d, '08:00', hhmm(gapFrom))];
        if (gapTo < WORK_END) busy.push(meeting(d, hhmm(gapTo), '17:00'));
        return busy;
      });
      const p = proposeLedartid({
        events,
        profile: profile({ ledartidGoal: { blocks: s.blocks, blockMinutes: s.blockMinutes, preferredTime: s.preferredTime } }),
        week: WEEK,
        now: NOW,
      });
      return p.slots.length === s.blocks && p.shortfallMinutes === 0 && new Set(p.slots.map((x) => x.day)).size === s.blocks;
    }),
    { numRuns: 200, seed: 1234 },
  );
  t.pass('200 roomy weeks reach the goal on distinct days');
});
