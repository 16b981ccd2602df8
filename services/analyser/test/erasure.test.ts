// What the analyser erases: a disconnected calendar's events (the weeks analysed again without them), everything
// derived from a leader's calendars when none is left, and the whole account on DELETE — announced once, resumable.
import t, { type Test } from 'tap';
import { type ConsumerDefinition, Consumers, type Envelope, Streams, Subjects } from '@ledarsteg/contracts';
import { ensureConsumer, startConsumer } from '@ledarsteg/messaging';
import { outboxMessage } from '@ledarsteg/store';
import { consumerIdle, eventually } from '@ledarsteg/testing';
import { runSchedulerTick } from '../src/booking/auto-book-scheduler.js';
import { OWN_COLLECTIONS } from '../src/collections.js';
import { calendarEvent, changed, createHarness, drained, linkLeader, logger, type Harness } from './fixtures/analyser-harness.js';

const W50 = '2026-W50';

async function mentions(h: Harness, needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const name of OWN_COLLECTIONS) {
    for (const doc of await h.app.db.collection(name).find({}).toArray()) if (JSON.stringify(doc).includes(needle)) found.push(name);
  }
  return [...new Set(found)].sort();
}

async function watchDeletions(t: Test, h: Harness): Promise<Envelope<'leader.account.deleted.v1'>[]> {
  const seen: Envelope<'leader.account.deleted.v1'>[] = [];
  const def: ConsumerDefinition<'leader.account.deleted.v1'> = {
    stream: Streams.leader, durable: 'test-account-deleted', subject: Subjects.accountDeleted, ackWaitMs: 5_000, maxDeliver: 1, backoffMs: [100],
  };
  await ensureConsumer(h.nc, def, { prefix: h.prefix });
  const running = await startConsumer(h.nc, def, async (env) => void seen.push(env), { logger, service: 'test', prefix: h.prefix });
  t.teardown(() => running.stop());
  return seen;
}

t.test('a disconnect erases its events and, with no calendar left, every analysis; a deletion erases the account', async (t) => {
  const h = await createHarness(t, '2026-12-01T07:00:00Z');
  const deletions = await watchDeletions(t, h);
  const leader = 'leader-to-erase';
  await linkLeader(h, leader, 'conn-a');
  await changed(h, leader, [calendarEvent(leader, 'a1', '2026-12-08T09:00', '2026-12-08T10:00')], [], 'conn-a');
  await changed(h, leader, [calendarEvent(leader, 'b1', '2026-12-09T09:00', '2026-12-09T11:00')], [], 'conn-b');
  await drained(h, leader);
  const meetingMinutes = async () => (await h.app.inject(`/leaders/${leader}/weeks/${W50}`)).json().metrics?.meetingMinutes;
  t.equal(await meetingMinutes(), 180, 'both calendars analysed');

  // conn-b goes; conn-a remains: its events leave the projection and the week is analysed without them.
  const gone = await h.publish(Subjects.connectionDisconnected, {
    userId: leader, connectionId: 'conn-b', provider: 'google', remainingConnections: 1, disconnectedAt: h.clock.now.toISOString(),
  });
  await eventually(async () => (await meetingMinutes()) === 60, { what: 'the week without the disconnected calendar' });
  t.equal(await h.app.db.collection('analyser_calendar_events').countDocuments({ connectionId: 'conn-b' }), 0, 'its events, tombstones too');
  // A change of conn-b still on its way arrives late: it brings nothing back.
  await changed(h, leader, [calendarEvent(leader, 'b2', '2026-12-10T09:00', '2026-12-10T10:00')], [], 'conn-b');
  await drained(h, leader);
  t.equal(await h.app.db.collection('analyser_calendar_events').countDocuments({ connectionId: 'conn-b' }), 0, 'a late change of it is dropped');
  t.equal(await meetingMinutes(), 60);
  await consumerIdle(h.nc, Consumers.analyser.connectionDisconnected, h.prefix, gone.seq);

  // The last calendar goes: weeks, proposals, projection, queue; the profile (the account's settings) stays.
  await h.publish(Subjects.connectionDisconnected, {
    userId: leader, connectionId: 'conn-a', provider: 'google', remainingConnections: 0, disconnectedAt: h.clock.now.toISOString(),
  });
  await eventually(async () => (await mentions(h, leader)).join() === 'user_profiles', { what: 'everything but the profile erased' });
  t.equal((await h.app.inject(`/leaders/${leader}/weeks/${W50}`)).statusCode, 404);
  t.equal((await h.app.inject(`/leaders/${leader}/weeks/${W50}/proposal`)).statusCode, 404);
  t.equal((await h.app.inject(`/leaders/${leader}/settings`)).statusCode, 200, 'the settings stay');

  // Deleting the account: the profile goes too, and the deletion is announced once.
  const del = await h.app.inject({ method: 'DELETE', url: `/leaders/${leader}` });
  t.equal(del.statusCode, 204);
  t.same(await mentions(h, leader), [], 'no collection mentions the leader');
  const announced = await eventually(() => deletions.find((e) => e.data.userId === leader), { what: 'account.deleted' });
  t.equal(announced.data.deletedAt, h.clock.now.toISOString());
  t.equal((await h.app.inject({ method: 'DELETE', url: `/leaders/${leader}` })).statusCode, 404, 'a second deletion finds nobody');
  t.equal((await h.app.inject(`/leaders/${leader}/settings`)).statusCode, 404);

  // A link sent before the deletion, arriving late, does not bring the leader back.
  const late = await h.publish(
    Subjects.connectionLinked,
    { userId: leader, connectionId: 'conn-a', provider: 'google', accountEmail: 'late@example.se', timeZone: 'Europe/Stockholm', linkedAt: '2026-11-30T08:00:00Z' },
    { occurredAt: '2026-11-30T08:00:00Z' },
  );
  await consumerIdle(h.nc, Consumers.analyser.connectionLinked, h.prefix, late.seq);
  t.same(await mentions(h, leader), [], 'still nothing');
  t.equal(deletions.filter((e) => e.data.userId === leader).length, 1, 'announced once');
});

t.test('a deletion the process did not finish is finished and announced by the scheduler', async (t) => {
  const h = await createHarness(t, '2026-12-01T07:00:00Z');
  const deletions = await watchDeletions(t, h);
  const leader = 'leader-half-deleted';
  await linkLeader(h, leader);
  await changed(h, leader, [calendarEvent(leader, 'a1', '2026-12-08T09:00', '2026-12-08T10:00')]);
  await drained(h, leader);
  // As a process killed right after the first write of a deletion leaves it: marked, its announcement waiting.
  const at = h.clock.now;
  t.ok(await h.app.analyser.profiles.markDeleted(leader, at, outboxMessage(Subjects.accountDeleted, { userId: leader, deletedAt: at.toISOString() }, { occurredAt: at })));
  t.equal((await h.app.inject(`/leaders/${leader}/settings`)).statusCode, 404, 'the account is gone for every reader at once');
  const report = await runSchedulerTick(h.app.analyser);
  t.equal(report.deletionsFinished, 1);
  t.same(await mentions(h, leader), [], 'erased');
  await eventually(() => deletions.some((e) => e.data.userId === leader), { what: 'the deletion announced' });
  t.equal((await runSchedulerTick(h.app.analyser)).deletionsFinished, 0, 'nothing left to finish');
});
