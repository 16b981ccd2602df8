// Booking writes exactly once, webhooks (forged vs genuine), the Graph validation handshake, and disconnecting.
import { LEDARTID_PROPERTY } from '@ledarsteg/calendar';
import { eventually } from '@ledarsteg/testing';
import { DateTime } from 'luxon';
import t from 'tap';
import { ADMIN_TOKEN, LEADER, connectThroughBrowser, createHarness, storedConnection, storedEvents, syncedWhere, bookingRequest } from './fixtures/harness.js';

t.setTimeout(120_000);

t.test('a booking delivered twice makes one tagged block; webhooks are verified; disconnect forgets everything', async (t) => {
  const h = await createHarness(t, { publicUrl: 'https://calendar-sync.test' });
  h.google.insertEvent(LEADER.email, {
    summary: 'Seed',
    start: { dateTime: DateTime.now().plus({ days: 1 }).toISO() as string },
    end: { dateTime: DateTime.now().plus({ days: 1, hours: 1 }).toISO() as string },
  });
  const { callback } = await connectThroughBrowser(h, 'google');
  const { connectionId, userId } = callback.json();
  await syncedWhere(h, connectionId, (e) => e.data.full, 'first sync');

  // After the first sync the connection is watched (PUBLIC_URL is https).
  const conn = await eventually(async () => {
    const c = await storedConnection(h, connectionId);
    return c.watch ? c : undefined;
  }, { what: 'watch' });
  const channel = h.google.channels.find((c) => c.id === conn.watch?.channelId);
  t.ok(channel, 'the fake holds our channel');
  t.equal(channel?.address, 'https://calendar-sync.test/webhooks/google');

  const notify = (headers: Record<string, string>) => h.app.inject({ method: 'POST', url: '/webhooks/google', headers });
  const base = { 'x-goog-channel-id': channel!.id, 'x-goog-resource-id': channel!.resourceId, 'x-goog-resource-state': 'exists', 'x-goog-message-number': '10' };
  const webhookSyncs = () => h.seen('calendar.sync.requested.v1').filter((e) => e.data.reason === 'webhook').length;
  const wrongToken = await notify({ ...base, 'x-goog-channel-token': 'forged' });
  t.equal(wrongToken.statusCode, 401, 'wrong token → 401');
  const unknown = await notify({ ...base, 'x-goog-channel-id': 'unknown-channel', 'x-goog-channel-token': channel!.token! });
  t.same([unknown.statusCode, unknown.body], [wrongToken.statusCode, wrongToken.body], 'an unknown channel gets exactly the answer a wrong token gets');
  t.equal((await notify({ ...base, 'x-goog-channel-token': channel!.token!, 'x-goog-resource-state': 'sync' })).statusCode, 200);
  t.equal((await notify({ 'x-goog-resource-state': 'exists' })).statusCode, 400, 'headers are validated');
  t.equal(webhookSyncs(), 0, 'nothing forged or informational asked for a sync');

  const fresh = h.google.insertEvent(LEADER.email, {
    summary: 'Via webhook',
    start: { dateTime: DateTime.now().plus({ days: 2 }).toISO() as string },
    end: { dateTime: DateTime.now().plus({ days: 2, hours: 1 }).toISO() as string },
  });
  t.equal((await notify({ ...base, 'x-goog-channel-token': channel!.token! })).statusCode, 200);
  await eventually(async () => (await storedEvents(h, connectionId)).some((e) => e.providerEventId === fresh.id), { what: 'webhook sync' });
  // The sync is done, but the observer may not have taken in its request yet.
  await h.observed();
  t.equal(webhookSyncs(), 1);

  // Booking: the same request delivered twice (a redelivery after a lost ack looks just like this).
  const start = DateTime.now().setZone(LEADER.timeZone).plus({ days: 3 }).set({ hour: 8, minute: 0, second: 0, millisecond: 0 });
  const request = bookingRequest(start, { blockId: 'lt0b1ock42', requestId: 'req-1', userId, connectionId });
  h.google.clearRequests();
  await h.app.publish('ledartid.booking.requested.v1', request, { id: 'delivery-1' });
  await h.app.publish('ledartid.booking.requested.v1', request, { id: 'delivery-2' });
  // A marker behind them: the booking consumer works in order, so once it is done both deliveries were handled.
  await h.app.publish('ledartid.booking.requested.v1', { ...request, requestId: 'marker', blockId: 'lt0marker1', action: 'remove' }, { id: 'delivery-3' });
  const stored = await eventually(async () => (await storedEvents(h, connectionId)).find((e) => e.ledartidBlockId === request.blockId), {
    what: 'the block synced back, tagged',
  });
  t.equal(stored.start.toISOString(), new Date(request.start).toISOString());
  const completed = await eventually(() => h.seen('ledartid.booking.completed.v1')[0], { what: 'completed' });
  t.match(completed.data, { blockId: request.blockId, requestId: 'req-1', userId, action: 'create' });
  await eventually(async () => (await h.app.db.collection('calendar_sync_bookings').findOne({ key: 'req-1', state: 'done' })) !== null);
  await eventually(() => h.seen('ledartid.booking.completed.v1').some((e) => e.data.requestId === 'marker'), { what: 'the marker' });
  const blocks = h.google.storedEvents(LEADER.email).filter((e) => e.extendedProperties?.private?.[LEDARTID_PROPERTY] === request.blockId);
  t.equal(blocks.length, 1, 'exactly one block at the provider');
  t.equal(h.google.requests.filter((r) => r.operation === 'events.insert').length, 1, 'written once');
  t.equal(h.seen('ledartid.booking.completed.v1').filter((e) => e.data.requestId === 'req-1').length, 1, 'announced once');
  t.equal(blocks[0]?.summary, 'Ledartid');

  // Graph's validation handshake and a forged Graph notification.
  const validation = await h.app.inject({ method: 'POST', url: '/webhooks/microsoft?validationToken=Validation%3A%20Testing%20client', headers: { 'content-type': 'text/plain' }, payload: '' });
  t.equal(validation.statusCode, 200);
  t.match(validation.headers['content-type'], /^text\/plain/);
  t.equal(validation.body, 'Validation: Testing client', 'the decoded token, verbatim');
  const forged = await h.app.inject({
    method: 'POST',
    url: '/webhooks/microsoft',
    payload: { value: [{ subscriptionId: conn.watch!.resourceId, clientState: 'guess', changeType: 'updated' }] },
  });
  t.equal(forged.statusCode, 202, 'answered fast, but ignored');
  t.equal(webhookSyncs(), 1, 'a forged notification asks for no sync');

  // Disconnect: watch stopped, Google grant revoked, the copy deleted, tokens forgotten.
  const del = (url: string, authorization?: string) => h.app.inject({ method: 'DELETE', url, headers: authorization ? { authorization } : {} });
  t.equal((await del(`/connections/${connectionId}`)).statusCode, 401, 'no token → 401');
  t.equal((await del(`/connections/${connectionId}`, `Bearer ${ADMIN_TOKEN}x`)).statusCode, 401, 'wrong token → 401');
  t.equal((await del(`/connections/${connectionId}`, `Basic ${ADMIN_TOKEN}`)).statusCode, 401, 'not bearer → 401');
  t.equal((await storedConnection(h, connectionId)).status, 'active', 'refused disconnects changed nothing');
  const res = await del(`/connections/${connectionId}`, `Bearer ${ADMIN_TOKEN}`);
  t.equal(res.statusCode, 200, res.body);
  t.equal(res.json().revoked, 'revoked');
  t.equal(await h.app.db.collection('calendar_events').countDocuments({ connectionId }), 0, 'the synced copy is gone, tombstones too');
  t.equal(await h.app.calendarSync.connections.byId(connectionId), null, 'the connection, its tokens and its watch are erased');
  t.equal(await h.app.db.collection('calendar_sync_bookings').countDocuments({}), 0, 'the writes made through it leave no record');
  t.ok(h.google.requests.some((r) => r.operation === 'oauth.revoke' && r.status === 200), 'revoked at Google');
  t.ok(h.google.grants().every((g) => g.revoked), 'no grant left at Google');
  t.ok(h.google.channels.find((c) => c.id === channel!.id)?.stopped, 'channel stopped');
  const gone = await eventually(() => h.seen('calendar.connection.disconnected.v1').find((e) => e.data.connectionId === connectionId), { what: 'the disconnect announced' });
  t.match(gone.data, { userId, provider: 'google', remainingConnections: 0 });
  t.equal((await del('/connections/00000000-0000-4000-8000-000000000000', `Bearer ${ADMIN_TOKEN}`)).statusCode, 404);

  // Without ADMIN_TOKEN the route does not exist at all.
  await h.restart({ env: { ADMIN_TOKEN: undefined } });
  t.equal((await h.app.inject({ method: 'DELETE', url: `/connections/${connectionId}`, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).statusCode, 404);
});

t.test('errors at connect are coded 4xx, never stacks', async (t) => {
  const h = await createHarness(t);
  t.equal((await h.app.inject('/connect/yahoo')).json().code, 'SYNC_ERR_PROVIDER_DISABLED');
  const denied = await h.app.inject('/connect/google/callback?error=access_denied&state=x');
  t.equal(denied.statusCode, 400);
  t.equal(denied.json().code, 'SYNC_ERR_CONSENT_DENIED');
  const badState = await h.app.inject('/connect/google/callback?code=abc&state=forged');
  t.equal(badState.statusCode, 400);
  t.equal(badState.json().code, 'SYNC_ERR_BAD_CALLBACK');
  t.notMatch(badState.body, /at .*\.ts/);
});
