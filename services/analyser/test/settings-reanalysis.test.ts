// A change of settings reaches the stored analyses and proposals: the current and later weeks are analysed again with it.
import t from 'tap';
import { eventually } from '@ledarsteg/testing';
import { calendarEvent, changed, createHarness, drained, linkLeader } from './fixtures/analyser-harness.js';

const W49 = '2026-W49'; // Mon 30 Nov – Sun 6 Dec 2026: the current week
const W50 = '2026-W50';

t.test('new working hours and goal show in the week view and the proposal, announced for the coach', async (t) => {
  const h = await createHarness(t, '2026-12-01T07:00:00Z');
  await linkLeader(h, 'u1');
  await changed(h, 'u1', [
    calendarEvent('u1', 'm1', '2026-12-01T09:00', '2026-12-01T10:00'),
    calendarEvent('u1', 'm2', '2026-12-08T13:00', '2026-12-08T14:00'),
  ]);
  await drained(h, 'u1');
  const view = async (week: string) => (await h.app.inject(`/leaders/u1/weeks/${week}`)).json();
  const proposal = async (week: string) => (await h.app.inject(`/leaders/u1/weeks/${week}/proposal`)).json();
  const before = { w49: await view(W49), w50: await view(W50), proposal: await proposal(W50) };
  // Default hours: Monday–Friday 08:00–17:00 with a lunch hour, i.e. 5 × 8 hours.
  t.equal(before.w50.metrics.workingMinutes, 5 * 8 * 60);
  t.equal(before.proposal.slots.length, 2);
  const announcedBefore = h.seen('analysis.week.completed.v1').filter((e) => e.data.week === W50).length;

  // Four-day weeks of 07:00–15:00, and three blocks of ledartid.
  const put = await h.app.inject({
    method: 'PUT',
    url: '/leaders/u1/settings',
    payload: {
      workingHours: [1, 2, 3, 4].map((weekday) => ({ weekday, start: '07:00', end: '15:00' })),
      ledartidGoal: { blocks: 3, blockMinutes: 60, preferredTime: 'morning' },
    },
  });
  t.equal(put.statusCode, 200, put.body);

  const w50 = await eventually(async () => {
    const v = await view(W50);
    return v.metrics?.workingMinutes === 4 * 7 * 60 ? v : undefined;
  }, { what: 'next week analysed with the new hours' });
  t.equal(w50.metrics.meetingMinutes, 60, 'the same meetings');
  const w49 = await eventually(async () => {
    const v = await view(W49);
    return v.metrics?.workingMinutes === 4 * 7 * 60 ? v : undefined;
  }, { what: 'the current week analysed with the new hours' });
  t.ok(w49, 'the current week too');
  const next = await eventually(async () => {
    const p = await proposal(W50);
    return p.slots?.length === 3 ? p : undefined;
  }, { what: 'the proposal following the new goal' });
  for (const slot of next.slots) {
    t.equal(new Date(slot.end).getTime() - new Date(slot.start).getTime(), 60 * 60_000, 'blocks of 60 minutes');
    t.not(new Date(slot.start).getUTCDay(), 5, 'never on the Friday no longer worked');
  }
  await eventually(() => h.seen('analysis.week.completed.v1').filter((e) => e.data.week === W50).length > announcedBefore, {
    what: 'the new result announced',
  });
});
