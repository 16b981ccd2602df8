// Booking move and remove, retries exhausted (failed, retryable) and a permanent rejection (failed at once, not retryable).
import { LEDARTID_PROPERTY } from '@ledarsteg/calendar';
import { eventually } from '@ledarsteg/testing';
import { DateTime } from 'luxon';
import t from 'tap';
import { LEADER, connectAs, createHarness, storedConnection, bookingRequest } from './fixtures/harness.js';

t.setTimeout(180_000);
const start = DateTime.now().setZone(LEADER.timeZone).plus({ days: 3 }).set({ hour: 8, minute: 0, second: 0, millisecond: 0 });
const request = (userId: string, connectionId: string, over: Record<string, unknown>) =>
  bookingRequest(start, { blockId: 'lt0b1ock77', requestId: 'req', userId, connectionId }, over);

t.test('google: create, move, remove; an outage that outlasts the retries fails as retryable', async (t) => {
  const h = await createHarness(t, { deps: { redeliveryBackoffMs: [20] } });
  const { connectionId, userId } = await connectAs(h, 'google', LEADER.email);
  await eventually(async () => (await storedConnection(h, connectionId)).lastSyncedAt, { what: 'first sync' });
  const blocks = () => h.google.storedEvents(LEADER.email).filter((e) => e.extendedProperties?.private?.[LEDARTID_PROPERTY] === 'lt0b1ock77' && e.status !== 'cancelled');
  const completed = (requestId: string) => eventually(() => h.seen('ledartid.booking.completed.v1').find((e) => e.data.requestId === requestId), { what: requestId });

  await h.app.publish('ledartid.booking.requested.v1', request(userId, connectionId, { requestId: 'c1' }));
  await completed('c1');
  t.equal(blocks().length, 1);

  const moved = start.plus({ days: 1, hours: 2 });
  await h.app.publish('ledartid.booking.requested.v1', request(userId, connectionId, { requestId: 'm1', action: 'move', start: moved.toUTC().toISO(), end: moved.plus({ hours: 1 }).toUTC().toISO() }));
  const move = await completed('m1');
  t.match(move.data, { action: 'move', start: moved.toUTC().toISO() });
  t.equal(blocks().length, 1, 'moved, not duplicated');
  t.equal(new Date(blocks()[0]!.start!.dateTime!).toISOString(), moved.toJSDate().toISOString(), 'at the new time at Google');

  await h.app.publish('ledartid.booking.requested.v1', request(userId, connectionId, { requestId: 'r1', action: 'remove', start: undefined, end: undefined }));
  await completed('r1');
  t.equal(blocks().length, 0, 'removed at Google');

  h.google.injectFault({ kind: 'backendError', operation: 'events.insert', times: 1000 });
  h.google.injectFault({ kind: 'backendError', operation: 'events.patch', times: 1000 });
  h.google.injectFault({ kind: 'backendError', operation: 'events.update', times: 1000 });
  await h.app.publish('ledartid.booking.requested.v1', request(userId, connectionId, { requestId: 'x1', blockId: 'lt0b1ock78' }));
  const failed = await eventually(() => h.seen('ledartid.booking.failed.v1').find((e) => e.data.requestId === 'x1'), { what: 'failed after retries', timeoutMs: 30_000 });
  t.match(failed.data, { retryable: true, code: 'unavailable' });
  t.ok(h.google.requests.filter((r) => r.status === 500).length >= 2, 'it was retried before giving up');
  t.notOk(h.seen('ledartid.booking.completed.v1').some((e) => e.data.requestId === 'x1'));
});

t.test('microsoft: a permanent rejection fails at once, not retryable', async (t) => {
  const h = await createHarness(t, { deps: { redeliveryBackoffMs: [20] } });
  const { connectionId, userId } = await connectAs(h, 'microsoft', h.msAccount.id);
  await eventually(async () => (await storedConnection(h, connectionId)).lastSyncedAt, { what: 'first sync' });
  h.microsoft.fault({ status: 400, code: 'ErrorInvalidRequest', method: 'POST', pathIncludes: '/me/events', times: 100 });
  h.microsoft.clearRequestLog();
  await h.app.publish('ledartid.booking.requested.v1', request(userId, connectionId, { requestId: 'p1' }));
  const failed = await eventually(() => h.seen('ledartid.booking.failed.v1').find((e) => e.data.requestId === 'p1'), { what: 'failed' });
  t.match(failed.data, { retryable: false, code: 'rejected' });
  t.equal(h.microsoft.countRequests('/me/events', 'POST'), 1, 'tried once: no retry can help');
});
