import t from 'tap';
import { eventually } from '@ledarsteg/testing';
import { runSchedulerTick, bookingMomentPassed } from '../src/booking/auto-book-scheduler.js';
import { blockIdFor } from '../src/booking/block-id.js';
import { at, calendarEvent, changed, collection, createHarness, drained, linkLeader, publishChanges, ZONE } from './fixtures/analyser-harness.js';

const W50 = '2026-W50'; // Mon 7 Dec – Sun 13 Dec 2026
const FRIDAY_AFTERNOON = '2026-12-04T14:00:00Z'; // 15:00 in Stockholm

t.test('the booking moment is the configured weekday and time in the leader zone', async (t) => {
  const friday14 = { weekday: 5, time: '14:00' };
  t.notOk(bookingMomentPassed(at('2026-12-03T16:00'), ZONE, friday14), 'Thursday: not yet');
  t.notOk(bookingMomentPassed(at('2026-12-04T13:59'), ZONE, friday14), 'Friday 13:59: not yet');
  t.ok(bookingMomentPassed(at('2026-12-04T14:00'), ZONE, friday14), 'Friday 14:00');
  t.ok(bookingMomentPassed(at('2026-12-06T09:00'), ZONE, friday14), 'Sunday');
  t.notOk(bookingMomentPassed(new Date('2026-12-04T14:00:00Z'), 'America/New_York', friday14), '09:00 in New York');
  t.match(blockIdFor('u1', W50, 0), /^[a-v0-9]{24}$/);
  t.equal(blockIdFor('u1', W50, 0), blockIdFor('u1', W50, 0), 'deterministic');
  t.not(blockIdFor('u1', W50, 0), blockIdFor('u1', W50, 1));
});

t.test('auto-booking requests next week once; outcomes are recorded; retryable failures are retried', async (t) => {
  const h = await createHarness(t, FRIDAY_AFTERNOON);
  await linkLeader(h, 'u1');
  await changed(h, 'u1', [calendarEvent('u1', 'busy-mon', '2026-12-07T08:00', '2026-12-07T17:00')]);
  await drained(h, 'u1');

  const put = await h.app.inject({ method: 'PUT', url: '/leaders/u1/settings', payload: { optIns: { autoBook: true } } });
  t.equal(put.statusCode, 200);
  const first = await eventually(() => (h.seen('ledartid.booking.requested.v1').length >= 2 ? h.seen('ledartid.booking.requested.v1') : undefined), { what: 'two requests' });
  // The scheduler runs twice (and twice at once): the week is booked already.
  await runSchedulerTick(h.app.analyser);
  await Promise.all([runSchedulerTick(h.app.analyser), runSchedulerTick(h.app.analyser)]);
  t.equal(await collection(h, 'ledartid_bookings').countDocuments({ userId: 'u1' }), 2, 'two bookings, no more');
  for (const req of first) {
    t.match(req.data, { userId: 'u1', connectionId: 'conn-u1', week: W50, action: 'create', reason: 'weekly', timeZone: ZONE });
    t.ok(req.data.start && Date.parse(req.data.start) >= at('2026-12-08T08:00').getTime(), 'not on the fully booked Monday');
  }
  t.same(first.map((r) => r.data.blockId).sort(), [blockIdFor('u1', W50, 0), blockIdFor('u1', W50, 1)].sort());

  // A leader who opted in without the settings route (e.g. before this version): only the scheduler books.
  await linkLeader(h, 'u2');
  await collection(h, 'user_profiles').updateOne({ userId: 'u2' }, { $set: { 'optIns.autoBook': true } });
  await Promise.all([runSchedulerTick(h.app.analyser), runSchedulerTick(h.app.analyser)]);
  await runSchedulerTick(h.app.analyser);
  t.equal(await collection(h, 'ledartid_bookings').countDocuments({ userId: 'u2' }), 2);

  // A marker: everything published so far is ahead of it.
  await h.publish('ledartid.booking.completed.v1', { blockId: 'marker0', requestId: 'none', userId: 'nobody', action: 'create', completedAt: FRIDAY_AFTERNOON });
  await eventually(() => h.seen('ledartid.booking.requested.v1').filter((r) => r.data.userId === 'u2').length === 2, { what: 'u2 requests' });
  t.equal(h.seen('ledartid.booking.requested.v1').length, 4, 'each block requested exactly once');

  const [a, b] = first.map((r) => r.data);
  await h.publish('ledartid.booking.completed.v1', {
    blockId: a!.blockId, requestId: a!.requestId, userId: 'u1', action: 'create', providerEventId: 'g-1', start: a!.start!, end: a!.end!, completedAt: FRIDAY_AFTERNOON,
  });
  await h.publish('ledartid.booking.failed.v1', {
    blockId: b!.blockId, requestId: b!.requestId, userId: 'u1', action: 'create', code: 'rate_limited', message: 'slow down', retryable: true, failedAt: FRIDAY_AFTERNOON,
  });
  const booked = await eventually(async () => {
    const doc = await h.app.analyser.bookings.byBlock(a!.blockId);
    return doc?.status === 'booked' ? doc : undefined;
  }, { what: 'booked' });
  t.equal(booked.providerEventId, 'g-1');
  t.equal(booked.confirmedStart?.toISOString(), new Date(a!.start!).toISOString());
  await eventually(async () => (await h.app.analyser.bookings.byBlock(b!.blockId))?.status === 'failed', { what: 'failed' });

  const report = await runSchedulerTick(h.app.analyser);
  t.equal(report.retried, 1, 'the retryable failure is retried at the next tick');
  const retry = await eventually(() => h.seen('ledartid.booking.requested.v1').find((r) => r.data.blockId === b!.blockId && r.data.requestId !== b!.requestId), { what: 'the retry' });
  t.match(retry.data, { action: 'create', start: b!.start, end: b!.end });
  t.equal((await runSchedulerTick(h.app.analyser)).retried, 0, 'a request in flight is not retried again');
  // An answer to the replaced request changes nothing.
  await h.publish('ledartid.booking.completed.v1', { blockId: b!.blockId, requestId: b!.requestId, userId: 'u1', action: 'create', completedAt: FRIDAY_AFTERNOON });
  await h.publish('ledartid.booking.completed.v1', { blockId: b!.blockId, requestId: retry.data.requestId, userId: 'u1', action: 'create', completedAt: FRIDAY_AFTERNOON });
  await eventually(async () => (await h.app.analyser.bookings.byBlock(b!.blockId))?.status === 'booked', { what: 'retry booked' });
});

t.test('a meeting accepted over a booked block moves the block once, and the overwrite is counted', async (t) => {
  const h = await createHarness(t, FRIDAY_AFTERNOON);
  await linkLeader(h, 'u1');
  await h.app.inject({ method: 'PUT', url: '/leaders/u1/settings', payload: { optIns: { autoBook: true } } });
  const requests = await eventually(() => (h.seen('ledartid.booking.requested.v1').length >= 2 ? h.seen('ledartid.booking.requested.v1') : undefined));
  // calendar-sync's part, by hand: the blocks are written and show up in the synced copy.
  for (const r of requests) {
    const { blockId, requestId, start, end } = r.data;
    await h.publish('ledartid.booking.completed.v1', { blockId, requestId, userId: 'u1', action: 'create', start: start!, end: end!, completedAt: FRIDAY_AFTERNOON });
    await changed(h, 'u1', [blockEvent(blockId, start!, end!)]);
  }
  await eventually(async () => (await collection(h, 'ledartid_bookings').countDocuments({ userId: 'u1', status: 'booked' })) === 2, { what: 'both booked' });
  await drained(h, 'u1');
  const before = (await h.app.inject('/leaders/u1/weeks/2026-W50')).json();
  t.match(before.metrics.ledartid, { bookedMinutes: 180, keptMinutes: 180, overwrittenMinutes: 0 });

  const target = requests[0]!.data;
  const meetingStart = new Date(Date.parse(target.start!) + 30 * 60_000);
  const urgent = await changed(h, 'u1', [
    calendarEvent('u1', 'urgent', '2026-12-07T08:00', '2026-12-07T09:00', { start: meetingStart.toISOString(), end: new Date(meetingStart.getTime() + 3_600_000).toISOString() }),
  ]);
  const move = await eventually(() => h.seen('ledartid.booking.requested.v1').find((r) => r.data.action === 'move'), { what: 'the move' });
  t.match(move.data, { blockId: target.blockId, reason: 'defend', userId: 'u1', week: W50 });
  t.not(move.data.requestId, target.requestId, 'a new request id');
  const newStart = Date.parse(move.data.start!);
  const newEnd = Date.parse(move.data.end!);
  t.equal(newEnd - newStart, 90 * 60_000, 'same length');
  t.ok(newEnd <= meetingStart.getTime() || newStart >= meetingStart.getTime() + 3_600_000, 'clear of the meeting');
  const booking = await h.app.analyser.bookings.byBlock(target.blockId);
  t.same(booking?.overwrittenBy, ['urgent'], 'the overwrite is recorded');
  await drained(h, 'u1');
  t.equal((await h.app.inject('/leaders/u1/weeks/2026-W50')).json().overwrittenBlocks, 1);

  // The same news again (a redelivery, or a replay before calendar-sync moved it): no second move.
  await publishChanges(h, 'u1', urgent);
  await drained(h, 'u1');
  await h.publish('ledartid.booking.completed.v1', { blockId: 'marker0', requestId: 'none', userId: 'nobody', action: 'create', completedAt: FRIDAY_AFTERNOON });
  await runSchedulerTick(h.app.analyser);
  t.equal(h.seen('ledartid.booking.requested.v1').filter((r) => r.data.action === 'move').length, 1, 'one move per overwrite');

  // A block in the past is not defended.
  h.clock.now = new Date(Date.parse(requests[1]!.data.start!) + 60_000);
  await changed(h, 'u1', [calendarEvent('u1', 'late', '2026-12-07T08:00', '2026-12-07T09:00', { start: requests[1]!.data.start!, end: requests[1]!.data.end! })]);
  await drained(h, 'u1');
  t.equal(h.seen('ledartid.booking.requested.v1').filter((r) => r.data.action === 'move').length, 1, 'no move for a block that has started');
});

t.test('a completion that arrives after the sync that brought the block back still updates the week', async (t) => {
  const h = await createHarness(t, FRIDAY_AFTERNOON);
  await linkLeader(h, 'u1');
  await h.app.inject({ method: 'PUT', url: '/leaders/u1/settings', payload: { optIns: { autoBook: true } } });
  const requests = await eventually(() => (h.seen('ledartid.booking.requested.v1').length >= 2 ? h.seen('ledartid.booking.requested.v1') : undefined));
  // calendar-sync wrote both blocks and its sync overtook the completions: the analysis sees blocks it has no confirmation for.
  for (const r of requests) {
    const { blockId, start, end } = r.data;
    await changed(h, 'u1', [blockEvent(blockId, start!, end!)]);
  }
  await drained(h, 'u1');
  t.equal((await h.app.inject('/leaders/u1/weeks/2026-W50')).json().metrics.ledartid.bookedMinutes, 0, 'not confirmed yet');
  for (const r of requests) {
    const { blockId, requestId, start, end } = r.data;
    await h.publish('ledartid.booking.completed.v1', { blockId, requestId, userId: 'u1', action: 'create', start: start!, end: end!, completedAt: FRIDAY_AFTERNOON });
  }
  const after = await eventually(async () => {
    const view = (await h.app.inject('/leaders/u1/weeks/2026-W50')).json();
    return view.metrics.ledartid.bookedMinutes === 180 ? view : undefined;
  }, { what: 'the week to count both confirmed blocks without another sync' });
  t.match(after.metrics.ledartid, { bookedMinutes: 180, keptMinutes: 180, overwrittenMinutes: 0 });
});

/** A ledartid block as it comes back from the calendar: LedarSteg's block id on it, the leader alone. */
function blockEvent(blockId: string, start: string, end: string) {
  return calendarEvent('u1', `block-${blockId}`, '2026-12-07T08:00', '2026-12-07T09:00', { start, end, attendeeCount: 1, ledartidBlockId: blockId });
}
