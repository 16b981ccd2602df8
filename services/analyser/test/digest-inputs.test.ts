import t from 'tap';
import { Consumers, type Payload, type Subject, Subjects } from '@ledarsteg/contracts';
import { consumerIdle, eventually } from '@ledarsteg/testing';
import { jetstream } from '@nats-io/jetstream';
import { blockIdForSlot } from '../src/booking/block-id.js';
import { meetingMinutesPerDay } from '../src/analysis/day-loads.js';
import { at, calendarEvent, changed, collection, createHarness, drained, type Harness, linkLeader, ZONE } from './fixtures/analyser-harness.js';

const THURSDAY = '2026-12-03T09:00:00Z';
const W50 = '2026-W50';

async function published<S extends Subject>(h: Harness, stream: string, subject: S): Promise<Payload<S>[]> {
  const consumer = await jetstream(h.nc).consumers.get(`${h.prefix}_${stream}`, { filter_subjects: `${h.prefix}.${subject}` });
  const out: Payload<S>[] = [];
  for await (const m of await consumer.fetch({ max_messages: 1000, expires: 1000 })) {
    out.push(m.json<{ data: Payload<S> }>().data);
    if (m.info.pending === 0) break;
  }
  return out;
}

t.test('meeting minutes per local day: overlaps once, a meeting across midnight split, a DST day still one day', async (t) => {
  const events = [
    calendarEvent('u', 'a', '2026-12-07T09:00', '2026-12-07T10:00'),
    calendarEvent('u', 'b', '2026-12-07T09:30', '2026-12-07T11:00'),
    calendarEvent('u', 'c', '2026-12-08T23:00', '2026-12-09T01:00'),
    calendarEvent('u', 'solo', '2026-12-10T09:00', '2026-12-10T12:00', { attendeeCount: 1 }),
  ];
  t.same(meetingMinutesPerDay(events, W50, ZONE).map((d) => d.meetingMinutes), [120, 60, 60, 0, 0, 0, 0]);
  t.same(meetingMinutesPerDay(events, W50, ZONE)[0], { date: '2026-12-07', meetingMinutes: 120 });
  // Week 13 of 2026 ends on the Sunday Stockholm moves to summer time: 23 hours, one date.
  t.same(meetingMinutesPerDay([], '2026-W13', ZONE).map((d) => d.date), ['2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-28', '2026-03-29']);
});

t.test('week.completed carries what the digest needs: the analysis, titles of the meetings to challenge only, the days', async (t) => {
  const h = await createHarness(t, THURSDAY);
  await linkLeader(h, 'u1');
  await changed(h, 'u1', [
    calendarEvent('u1', 'morning', '2026-12-07T09:00', '2026-12-07T10:00', { title: 'Avstämning' }),
    calendarEvent('u1', 'late', '2026-12-08T18:00', '2026-12-08T19:30', { title: 'Kvällsmöte <b>' }),
  ]);
  await drained(h, 'u1');
  const week = await eventually(() => h.seen('analysis.week.completed.v1').map((e) => e.data).find((d) => d.week === W50), { what: 'week 50' });
  t.ok(week.analysis, 'the whole analysis');
  t.equal(week.analysis?.week, W50);
  const flagged = new Set((week.flags ?? []).map((f) => f.providerEventId));
  t.ok(flagged.has('late'), 'the evening meeting is one to challenge');
  t.same(Object.keys(week.titles ?? {}), [...flagged], 'titles only of the meetings to challenge');
  t.equal(week.titles?.['late'], 'Kvällsmöte <b>');
  t.same(week.days?.slice(0, 2), [{ date: '2026-12-07', meetingMinutes: 60 }, { date: '2026-12-08', meetingMinutes: 90 }]);

  const proposals = await eventually(async () => {
    const all = await published(h, 'ANALYSIS', Subjects.proposalUpdated);
    return all.some((p) => p.week === W50) ? all : undefined;
  }, { what: 'the proposal for week 50 announced' });
  t.match(proposals.find((p) => p.week === W50), { userId: 'u1', proposal: { week: W50, timeZone: ZONE } });
});

t.test('a digest link’s choice changes the profile, and the settings go out again', async (t) => {
  const h = await createHarness(t, THURSDAY);
  await linkLeader(h, 'u1');
  await h.publish(Subjects.digestPreferencesRequested, { userId: 'u1', requestId: 'r1', digestAt: { weekday: 3, time: '09:15' }, requestedAt: THURSDAY });
  await h.publish(Subjects.digestPreferencesRequested, { userId: 'u1', requestId: 'r2', weeklyDigest: false, requestedAt: THURSDAY });
  const last = await h.publish(Subjects.digestPreferencesRequested, { userId: 'nobody', requestId: 'r3', weeklyDigest: false, requestedAt: THURSDAY });
  await consumerIdle(h.nc, Consumers.analyser.digestPreferencesRequested, h.prefix, last.seq);
  const settings = (await h.app.inject('/leaders/u1/settings')).json();
  t.match(settings, { optIns: { weeklyDigest: false }, digestAt: { weekday: 3, time: '09:15' } });
  const out = await published(h, 'ANALYSIS', Subjects.settingsChanged);
  t.equal(out.length, 2, 'once per request; an unknown leader publishes nothing');
  t.match(out.at(-1), { userId: 'u1', weeklyDigest: false, digestAt: { weekday: 3, time: '09:15' }, email: 'u1@example.se' });

  // The leader turns the digest back on; the old request redelivered afterwards changes nothing.
  t.equal((await h.app.inject({ method: 'PUT', url: '/leaders/u1/settings', payload: { optIns: { weeklyDigest: true } } })).statusCode, 200);
  const again = await h.publish(Subjects.digestPreferencesRequested, { userId: 'u1', requestId: 'r2', weeklyDigest: false, requestedAt: THURSDAY });
  await consumerIdle(h.nc, Consumers.analyser.digestPreferencesRequested, h.prefix, again.seq);
  t.match((await h.app.inject('/leaders/u1/settings')).json(), { optIns: { weeklyDigest: true } }, 'a request is applied once');
});

t.test('a slot chosen in the digest is booked through the booking path, once', async (t) => {
  const h = await createHarness(t, THURSDAY);
  await linkLeader(h, 'u1');
  const slot = { start: at('2026-12-08T14:00').toISOString(), end: at('2026-12-08T15:30').toISOString() };
  const decision = (decisionId: string) => ({ userId: 'u1', week: W50, slot, decision: 'accepted' as const, decisionId, decidedAt: THURSDAY });
  await h.publish(Subjects.proposalDecided, decision('d1'));
  const request = await eventually(() => h.seen('ledartid.booking.requested.v1')[0], { what: 'the booking request' });
  t.match(request.data, { userId: 'u1', week: W50, action: 'create', reason: 'leader', connectionId: 'conn-u1', blockId: blockIdForSlot('u1', W50, slot.start, slot.end), ...slot });

  // The same click redelivered, the slot chosen again from another link, a past slot, and a rejection.
  await h.publish(Subjects.proposalDecided, decision('d1'));
  await h.publish(Subjects.proposalDecided, decision('d2'));
  await h.publish(Subjects.proposalDecided, { ...decision('d3'), slot: { start: at('2026-12-01T14:00').toISOString(), end: at('2026-12-01T15:00').toISOString() } });
  const last = await h.publish(Subjects.proposalDecided, { ...decision('d4'), decision: 'rejected', slot: { start: at('2026-12-09T14:00').toISOString(), end: at('2026-12-09T15:00').toISOString() } });
  await consumerIdle(h.nc, Consumers.analyser.proposalDecided, h.prefix, last.seq);
  t.equal(await collection(h, 'ledartid_bookings').countDocuments({ userId: 'u1' }), 1, 'one block');
  t.equal((await published(h, 'LEDARTID', Subjects.bookingRequested)).length, 1, 'one request');
});
