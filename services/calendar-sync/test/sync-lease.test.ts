// One sync per connection at a time: a second request waits for the running one instead of applying pages twice.
import { eventually } from '@ledarsteg/testing';
import { DateTime } from 'luxon';
import t from 'tap';
import { LEADER, connectThroughBrowser, createHarness, requestSyncNow, storedEvents, syncedWhere } from './fixtures/harness.js';

t.setTimeout(120_000);

const slot = (days: number, summary: string) => {
  const start = DateTime.now().setZone(LEADER.timeZone).startOf('day').plus({ days, hours: 10 });
  return { summary, start: { dateTime: start.toISO()!, timeZone: LEADER.timeZone }, end: { dateTime: start.plus({ hours: 1 }).toISO()!, timeZone: LEADER.timeZone } };
};

t.test('a sync request waits while another sync holds the connection, then applies the change once', async (t) => {
  const h = await createHarness(t);
  h.google.insertEvent(LEADER.email, slot(1, 'Ledningsgrupp'));
  const { callback } = await connectThroughBrowser(h, 'google');
  const { connectionId } = callback.json();
  await syncedWhere(h, connectionId, (e) => e.data.full, 'first sync');

  // Another replica is mid-sync: it holds the lease.
  const held = new Date(Date.now() + 60_000);
  await h.app.db.collection('connections').updateOne({ connectionId }, { $set: { syncLeaseUntil: held, syncOwner: 'other-replica' } });
  const added = h.google.insertEvent(LEADER.email, slot(2, 'Budget'));
  h.google.clearRequests();
  await requestSyncNow(h, connectionId);
  // Give the request time to be handled (it is deferred, not dropped).
  await new Promise((r) => setTimeout(r, 1_500));
  t.equal(h.google.requests.filter((r) => r.path.includes('/events')).length, 0, 'no provider call while the lease is held');
  t.notOk((await storedEvents(h, connectionId)).some((e) => e.providerEventId === added.id));

  // The other replica finishes and lets go.
  await h.app.db.collection('connections').updateOne({ connectionId }, { $unset: { syncLeaseUntil: 1, syncOwner: 1 } });
  await eventually(async () => (await storedEvents(h, connectionId)).some((e) => e.providerEventId === added.id), { what: 'the deferred sync', timeoutMs: 30_000 });
  const events = await storedEvents(h, connectionId);
  t.equal(events.length, new Set(events.map((e) => e.providerEventId)).size, 'no duplicates');
  // The events are written before the sync lets go of the lease: wait for the release rather than race it.
  const released = async () => !(await h.app.db.collection('connections').findOne({ connectionId }))?.['syncLeaseUntil'];
  await eventually(released, { what: 'the lease released after the sync', timeoutMs: 30_000 });
  t.ok(await released(), 'the lease is released after the sync');
});
