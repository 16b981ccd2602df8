// The analyser's own projection: changes apply by revision whatever their order, deletions stick, and the first start
// asks calendar-sync for a full replay once (again only when an operator removes the marker).
import { type ConsumerDefinition, type Envelope, Streams, Subjects } from '@ledarsteg/contracts';
import { ensureConsumer, startConsumer } from '@ledarsteg/messaging';
import { eventually } from '@ledarsteg/testing';
import t from 'tap';
import { runSchedulerTick } from '../src/booking/auto-book-scheduler.js';
import { onEventsChanged } from '../src/handlers/events-changed.js';
import { calendarEvent, collection, createHarness, drained, linkLeader, logger, publishChanges } from './fixtures/analyser-harness.js';

const W49 = '2026-W49';
const W50 = '2026-W50';

t.test('changes apply by revision: an older one arriving late changes nothing, and a deletion is not undone', async (t) => {
  const h = await createHarness(t, '2026-12-02T08:00:00Z');
  await linkLeader(h, 'u1');
  const inW49 = calendarEvent('u1', 'm1', '2026-12-01T09:00', '2026-12-01T10:00');
  const movedToW50 = { ...calendarEvent('u1', 'm1', '2026-12-08T09:00', '2026-12-08T11:00'), title: 'Flyttat' };
  // Revision 3 (the move) arrives before revision 2.
  await publishChanges(h, 'u1', [{ rev: 3, event: movedToW50 }]);
  await publishChanges(h, 'u1', [{ rev: 2, event: inW49 }]);
  await drained(h, 'u1');
  const held = await collection(h, 'analyser_calendar_events').findOne({ providerEventId: 'm1' });
  t.match(held, { rev: 3, title: 'Flyttat' }, 'the newer revision stays');
  t.match((await h.app.inject(`/leaders/u1/weeks/${W50}`)).json().metrics, { meetingMinutes: 120 });
  t.equal((await h.app.inject(`/leaders/u1/weeks/${W49}`)).statusCode, 404, 'the older position never counted');

  // Deleted at revision 5; a late revision 4 must not bring it back.
  await publishChanges(h, 'u1', [{ rev: 5, deleted: 'm1' }]);
  await drained(h, 'u1');
  await publishChanges(h, 'u1', [{ rev: 4, event: movedToW50 }]);
  await drained(h, 'u1');
  const tombstone = await collection(h, 'analyser_calendar_events').findOne({ providerEventId: 'm1' });
  t.match(tombstone, { rev: 5, deleted: true });
  t.notOk(tombstone && 'title' in tombstone, 'the tombstone keeps no title');
  t.match((await h.app.inject(`/leaders/u1/weeks/${W50}`)).json().metrics, { meetingMinutes: 0 }, 'the week the event left is analysed again');

  // The same batch handled by two consumers at once (a redelivery racing the original): applied once, and whichever
  // applied it analyses the week.
  const again = [{ rev: 6, event: inW49 }];
  const redelivered: Envelope<'calendar.events.changed.v1'> = {
    id: 'redelivered', subject: Subjects.eventsChanged, occurredAt: new Date().toISOString(), correlationId: 'redelivered',
    data: { userId: 'u1', connectionId: 'conn-u1', provider: 'google', fromRev: 6, toRev: 6, changes: again },
  };
  await Promise.all([
    publishChanges(h, 'u1', again),
    onEventsChanged(h.app.analyser)(redelivered, { log: logger, deliveryCount: 2, signal: new AbortController().signal }),
  ]);
  await drained(h, 'u1');
  t.equal(await collection(h, 'analyser_calendar_events').countDocuments({ providerEventId: 'm1' }), 1, 'one document per event');
  t.match((await h.app.inject(`/leaders/u1/weeks/${W49}`)).json().metrics, { meetingMinutes: 60 });
});

t.test('the first start asks for a full replay once; removing the marker asks again', async (t) => {
  const h = await createHarness(t, '2026-12-02T08:00:00Z');
  const seen: Envelope<'calendar.events.replay-requested.v1'>[] = [];
  const def: ConsumerDefinition = { stream: Streams.calendar, durable: 'observe-replay', subject: Subjects.eventsReplayRequested, ackWaitMs: 5_000, maxDeliver: 1, backoffMs: [100] };
  await ensureConsumer(h.nc, def, { prefix: h.prefix });
  const running = await startConsumer(h.nc, def, async (env) => void seen.push(env as Envelope<'calendar.events.replay-requested.v1'>), { logger, service: 'test', prefix: h.prefix });
  t.teardown(() => running.stop());

  const first = await eventually(() => seen[0], { what: 'the replay request' });
  t.notOk(first.data.userId ?? first.data.connectionId, 'for every leader');
  const marker = await collection(h, 'analyser_projection_state').findOne({});
  t.match(marker, { requestId: first.data.requestId, published: true });

  await runSchedulerTick(h.app.analyser);
  await runSchedulerTick(h.app.analyser);
  t.equal((await collection(h, 'analyser_projection_state').findOne({}))?.['requestId'], first.data.requestId, 'ticks leave a built projection alone');

  // The operator's rebuild: remove the marker (and the projection); the next tick asks again, under a new id.
  await collection(h, 'analyser_projection_state').deleteMany({});
  await collection(h, 'analyser_calendar_events').deleteMany({});
  await runSchedulerTick(h.app.analyser);
  const second = await eventually(() => seen[1], { what: 'the second replay request' });
  t.not(second.data.requestId, first.data.requestId);
  t.equal(seen.length, 2, 'one request per build');
});
