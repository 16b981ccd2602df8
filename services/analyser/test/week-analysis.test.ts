import t from 'tap';
import { eventually } from '@ledarsteg/testing';
import { consumerIdle } from '@ledarsteg/testing';
import { Consumers } from '@ledarsteg/contracts';
import { calendarEvent, changed, createHarness, drained, linkLeader, publishChanges } from './fixtures/analyser-harness.js';

const W49 = '2026-W49'; // Mon 30 Nov – Sun 6 Dec 2026
const W50 = '2026-W50';
const W51 = '2026-W51';

t.test('changed events are analysed from the projection, stored, announced once and served', async (t) => {
  const h = await createHarness(t, '2026-12-02T08:00:00Z');
  await linkLeader(h, 'u1');
  const first = await changed(h, 'u1', [
    calendarEvent('u1', 'm1', '2026-11-30T09:00', '2026-11-30T10:00'),
    calendarEvent('u1', 'm2', '2026-12-01T13:00', '2026-12-01T14:30', { attendeeCount: 3 }),
    // Declined: not a meeting of the leader's.
    calendarEvent('u1', 'm3', '2026-12-02T10:00', '2026-12-02T11:00', { selfResponse: 'declined' }),
    // Recurring, no agenda, after hours: a meeting to challenge.
    calendarEvent('u1', 'm4', '2026-12-03T17:30', '2026-12-03T18:30', { seriesId: 's1', hasDescription: false, attendeeCount: 6 }),
    // Another week: must not count in this one.
    calendarEvent('u1', 'm5', '2026-12-08T09:00', '2026-12-08T10:00'),
  ]);
  const w49 = () => h.seen('analysis.week.completed.v1').filter((e) => e.data.week === W49);
  const completed = await eventually(() => w49()[0], { what: 'week.completed' });
  await drained(h, 'u1');
  t.match(completed.data, { userId: 'u1', week: W49, timeZone: 'Europe/Stockholm', meetingMinutes: 210, meetingCount: 3 });
  t.ok(completed.data.flaggedMeetings >= 1, 'the after-hours recurring meeting is flagged');
  const flag = completed.data.flags?.find((f) => f.providerEventId === 'm4');
  t.ok(flag, 'the digest summary names the flagged meeting');
  t.equal(flag?.title, 'Möte m4');
  t.ok(flag?.reasons.includes('after_hours'));
  t.match(flag, { organiser: false, peopleTime: false }, 'the summary carries what the words depend on');

  const res = await h.app.inject('/leaders/u1/weeks/2026-W49');
  t.equal(res.statusCode, 200);
  t.match(res.json(), { week: W49, metrics: { meetingMinutes: 210, meetingCount: 3, afterHoursMinutes: 60 } });
  const served = res.json().flags.find((f: { providerEventId: string }) => f.providerEventId === 'm4');
  t.equal(served?.title, 'Möte m4', "the leader's own view names the meeting to challenge");
  // Wholly after hours and someone else's: the API says why and what to do, in Swedish and English.
  t.equal(served?.action, 'decline');
  t.match(served?.words, { sv: { reason: /arbetstid/, move: /^Tacka nej/ }, en: { reason: /working hours/, move: /^Decline/ } });
  t.ok(Array.isArray(res.json().verdicts), 'week-level verdicts are served');
  // Six people, no agenda, every week: one verdict for the series with what it costs a year (1 h × 6 × 45).
  t.match(res.json().series, [
    { seriesId: 's1', providerEventIds: ['m4'], reasons: ['recurring_no_agenda'], occurrencesPerYear: 45, yearlyPersonHours: 270, words: { sv: { reason: /270 persontimmar om året/ } } },
  ]);
  t.equal((await h.app.inject('/leaders/u1/weeks/2026-W40')).statusCode, 404, 'an unanalysed week is 404');
  t.equal((await h.app.inject('/leaders/u1/weeks/2026-W99')).statusCode, 400, 'a malformed week is refused');
  const list = await h.app.inject('/leaders/u1/weeks?from=2026-W40&to=2026-W52');
  t.same(list.json().weeks.map((w: { week: string }) => w.week), [W49, W50], 'each week an event touched');
  t.equal((await h.app.inject('/leaders/u1/weeks?from=2026-W52&to=2026-W40')).statusCode, 400);

  // Proposals for the current and next week.
  // Proposals are stored after the analyses they follow.
  const proposal = await eventually(async () => {
    const r = await h.app.inject('/leaders/u1/weeks/2026-W50/proposal');
    return r.statusCode === 200 ? r.json() : undefined;
  }, { what: 'the proposal' });
  t.equal(proposal.slots.length, 2, 'two 90-minute blocks proposed for next week');
  t.equal((await h.app.inject('/leaders/u1/weeks/2026-W49/proposal')).statusCode, 200);
  t.equal((await h.app.inject('/leaders/u1/weeks/2026-W52/proposal')).statusCode, 404);

  // Redelivery of the same news: already held, nothing re-announced.
  await publishChanges(h, 'u1', first);
  await drained(h, 'u1');
  // A real change afterwards is announced; stream order means a duplicate would have arrived before it.
  await changed(h, 'u1', [calendarEvent('u1', 'm6', '2026-12-04T09:00', '2026-12-04T10:00')]);
  await eventually(() => w49().length >= 2, { what: 'the changed week' });
  t.same(w49().map((e) => e.data.meetingMinutes), [210, 270], 'one announcement per distinct result');
});

t.test('a burst of changed messages yields one analysis and one announcement per week', async (t) => {
  const h = await createHarness(t, '2026-12-02T08:00:00Z');
  await linkLeader(h, 'u2');
  const a = calendarEvent('u2', 'a', '2026-12-01T09:00', '2026-12-01T10:00');
  const b = calendarEvent('u2', 'b', '2026-12-08T09:00', '2026-12-08T11:00');
  // The same two events written and rewritten, published at once: handled concurrently, in any order.
  const burst = [[a], [b], [a, b], [a], [b], [a, b]];
  await Promise.all(burst.map((events) => changed(h, 'u2', events)));
  await drained(h, 'u2');
  t.equal(await h.app.analyser.analyses.count({ userId: 'u2' }), 2, 'one stored analysis per week');

  // A marker week afterwards: anything the burst published is ahead of it in the stream.
  await changed(h, 'u2', [calendarEvent('u2', 'c', '2026-12-15T09:00', '2026-12-15T10:00')]);
  await eventually(() => h.seen('analysis.week.completed.v1').some((e) => e.data.week === W51), { what: 'the marker week' });
  const weeks = h.seen('analysis.week.completed.v1').map((e) => e.data.week).sort();
  t.same(weeks, [W49, W50, W51], 'each week announced exactly once');
  t.match(h.seen('analysis.week.completed.v1').find((e) => e.data.week === W50)?.data, { meetingMinutes: 120, meetingCount: 1 });
});

t.test('changes for a leader not yet known are kept, and analysed as soon as the profile exists', async (t) => {
  const h = await createHarness(t, '2026-12-02T08:00:00Z');
  await changed(h, 'u3', [calendarEvent('u3', 'a', '2026-12-01T09:00', '2026-12-01T10:00')]);
  await consumerIdle(h.nc, Consumers.analyser.eventsChanged, h.prefix, h.lastChangedSeq);
  t.same(h.seen('analysis.week.completed.v1'), [], 'nothing to analyse with yet');
  await linkLeader(h, 'u3');
  const done = await eventually(() => h.seen('analysis.week.completed.v1').find((e) => e.data.userId === 'u3'), { timeoutMs: 30_000, what: 'analysis after the link' });
  t.equal(done.data.meetingMinutes, 60);
});

