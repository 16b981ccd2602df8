// Välja bort för att välja till: a full week pairs each missing block with the cheapest meetings to drop or shorten.
import t from 'tap';
import { proposeLedartid } from '../src/index.js';
import { at, meeting, profile } from './fixtures/event-builder.js';

const WEEK = '2026-W48';
const NOW = '2026-11-20T08:00:00Z';
const DAYS = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'];
const oneBlock = profile({ lunch: undefined, ledartidGoal: { blocks: 1, blockMinutes: 90, preferredTime: 'any' } });

t.test('no room and nothing challengeable: a shortfall and no trade-off', async (t) => {
  const events = DAYS.map((d) => meeting(d, '08:00', '17:00'));
  const p = proposeLedartid({ events, profile: oneBlock, week: WEEK, now: NOW });
  t.same(p.slots, []);
  t.equal(p.shortfallMinutes, 90);
  t.same(p.tradeOffs, []);
});

t.test('the cheapest challengeable meeting pays for the block', async (t) => {
  const events = DAYS.flatMap((d) => [meeting(d, '08:00', '12:00'), meeting(d, '12:00', '17:00')]);
  // Two candidates: a 2-hour recurring meeting without agenda on Tuesday, and a long one-off on Thursday after hours.
  events[2] = meeting(DAYS[1]!, '08:00', '10:00', { seriesId: 's', attendeeCount: 6, hasDescription: false, providerEventId: 'weekly' });
  events.splice(3, 0, meeting(DAYS[1]!, '10:00', '12:00'));
  events[7] = meeting(DAYS[3]!, '08:00', '12:00', { attendeeCount: 12, selfOptional: true, providerEventId: 'allhands' });
  const p = proposeLedartid({ events, profile: oneBlock, week: WEEK, now: NOW });
  t.same(p.slots, []);
  t.equal(p.tradeOffs.length, 1);
  const [trade] = p.tradeOffs;
  t.same(trade!.drop, [{ providerEventId: 'weekly', action: 'make_less_frequent', minutesFreed: 120, reason: 'recurring_no_agenda' }]);
  t.same(trade!.forSlot, { start: at(`${DAYS[1]} 08:00`), end: at(`${DAYS[1]} 09:30`) });
});

t.test('shortening a long recurring meeting can be enough', async (t) => {
  const events = DAYS.map((d) => meeting(d, '08:00', '17:00'));
  // Friday: a 3-hour recurring meeting that ends the day; shortened to 2 h, 15:10–17:00 opens.
  events[4] = meeting(DAYS[4]!, '08:00', '14:00');
  events.push(meeting(DAYS[4]!, '14:00', '17:00', { seriesId: 'long', providerEventId: 'workshop' }));
  const p = proposeLedartid({ events, profile: oneBlock, week: WEEK, now: NOW });
  t.same(p.tradeOffs.map((x) => x.drop), [[{ providerEventId: 'workshop', action: 'decline', minutesFreed: 180, reason: 'long_recurring' }]]);
  const twoHourBlock = proposeLedartid({
    events: [...events.slice(0, 4), meeting(DAYS[4]!, '08:00', '13:00'), meeting(DAYS[4]!, '13:00', '17:00', { seriesId: 'long', providerEventId: 'workshop' })],
    profile: profile({ lunch: undefined, ledartidGoal: { blocks: 1, blockMinutes: 45, preferredTime: 'any' } }),
    week: WEEK,
    now: NOW,
  });
  t.same(twoHourBlock.tradeOffs[0]!.drop, [{ providerEventId: 'workshop', action: 'shorten', minutesFreed: 60, reason: 'long_recurring' }]);
  t.same(twoHourBlock.tradeOffs[0]!.forSlot, { start: at(`${DAYS[4]} 16:15`), end: at(`${DAYS[4]} 17:00`) });
});

t.test('one trade-off per missing block, on different days, never reusing a meeting', async (t) => {
  const events = DAYS.flatMap((d, i) => [
    meeting(d, '08:00', '10:00', { seriesId: `s${i}`, attendeeCount: 6, hasDescription: false, providerEventId: `weekly${i}` }),
    meeting(d, '10:00', '17:00'),
  ]);
  const p = proposeLedartid({ events, profile: profile({ lunch: undefined }), week: WEEK, now: NOW });
  t.equal(p.tradeOffs.length, 2);
  const ids = p.tradeOffs.flatMap((x) => x.drop.map((d) => d.providerEventId));
  t.equal(new Set(ids).size, ids.length);
  t.not(p.tradeOffs[0]!.forSlot.start.slice(0, 10), p.tradeOffs[1]!.forSlot.start.slice(0, 10));
});

t.test('meetings already past are not offered', async (t) => {
  const events = DAYS.flatMap((d, i) => [
    meeting(d, '08:00', '10:00', { seriesId: `s${i}`, attendeeCount: 6, hasDescription: false, providerEventId: `weekly${i}` }),
    meeting(d, '10:00', '17:00'),
  ]);
  const p = proposeLedartid({ events, profile: oneBlock, week: WEEK, now: at(`${DAYS[4]} 09:00`) });
  t.same(p.tradeOffs, []);
});

t.test('the drop goes to large, passive, recurring, agenda-less time before a small one-off of the same length', async (t) => {
  const created = (date: string) => at(`${date} 06:00`); // short notice: both are challengeable
  const events = DAYS.map((d) => meeting(d, '08:00', '17:00'));
  // Tuesday: a small one-off booked at short notice, 08:00–10:00. Thursday: a big all-hands the leader is optional
  // in, recurring, without an agenda, 08:00–10:00. Same minutes; the big passive one is the one to give up.
  events[1] = meeting(DAYS[1]!, '10:00', '17:00');
  events.push(meeting(DAYS[1]!, '08:00', '10:00', { attendeeCount: 3, createdAt: created(DAYS[1]!), providerEventId: 'small' }));
  events[3] = meeting(DAYS[3]!, '10:00', '17:00');
  events.push(
    meeting(DAYS[3]!, '08:00', '10:00', {
      attendeeCount: 30,
      selfOptional: true,
      seriesId: 'allhands',
      hasDescription: false,
      createdAt: created(DAYS[3]!),
      providerEventId: 'allhands',
    }),
  );
  const p = proposeLedartid({ events, profile: oneBlock, week: WEEK, now: NOW });
  t.same(p.tradeOffs.map((x) => x.drop.map((d) => [d.providerEventId, d.action, d.minutesFreed])), [[['allhands', 'decline', 120]]]);
});
