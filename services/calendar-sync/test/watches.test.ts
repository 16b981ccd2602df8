// Watches end to end: the fakes deliver over real HTTP to the listening service (WEBHOOKS_ALLOW_HTTP), plus the polling backstop.
import { eventually } from '@ledarsteg/testing';
import t from 'tap';
import { LEADER, connectAs, createHarness, storedConnection, storedEvents, gslot, mslot } from './fixtures/harness.js';

t.setTimeout(180_000);
const DAY_MS = 24 * 3600_000;
type H = Awaited<ReturnType<typeof createHarness>>;
const syncsFor = (h: H, reason: string) => h.seen('calendar.sync.requested.v1').filter((e) => e.data.reason === reason).length;

t.test('microsoft subscription: handshake at create, change → notification → sync, forged ignored, lifecycle events', async (t) => {
  const h = await createHarness(t, { listen: true });
  const { connectionId } = await connectAs(h, 'microsoft', h.msAccount.id);
  const conn = await eventually(async () => (await storedConnection(h, connectionId)).watch && storedConnection(h, connectionId), { what: 'subscription' });
  const subs = h.microsoft.subscriptions(h.msAccount.id);
  t.equal(subs.length, 1, 'created: the validation handshake passed');
  t.equal(subs[0]?.notificationUrl, `${h.publicUrl}/webhooks/microsoft`);
  t.equal(subs[0]?.lifecycleNotificationUrl, `${h.publicUrl}/webhooks/microsoft/lifecycle`);
  t.equal(conn.watch?.resourceId, subs[0]?.id);

  const made = h.microsoft.createEvent(h.msAccount.id, mslot(2, 'Pushed'));
  await eventually(async () => (await storedEvents(h, connectionId)).some((e) => e.providerEventId === made.id), { what: 'change via notification' });
  // The sync is done, but the observer may not have taken in its request yet.
  await h.observed();
  t.ok(syncsFor(h, 'webhook') >= 1, 'the sync came from the webhook');
  const second = h.microsoft.createEvent(h.msAccount.id, mslot(3, 'Pushed again'));
  await eventually(async () => (await storedEvents(h, connectionId)).some((e) => e.providerEventId === second.id), { what: 'a second change soon after' });

  // Every notification of the two changes answered and its sync request seen: only then is the count final.
  await h.microsoft.flushNotifications();
  await h.observed();
  const webhooks = syncsFor(h, 'webhook');
  const forged = await fetch(`${h.publicUrl}/webhooks/microsoft`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ value: [{ subscriptionId: subs[0]!.id, clientState: 'forged', changeType: 'updated' }] }),
  });
  t.equal(forged.status, 202);
  t.equal(syncsFor(h, 'webhook'), webhooks, 'a forged clientState asks for no sync');

  const patches = h.microsoft.countRequests('/subscriptions', 'PATCH');
  h.microsoft.triggerLifecycle(subs[0]!.id, 'reauthorizationRequired');
  await eventually(() => h.microsoft.countRequests('/subscriptions', 'PATCH') > patches, { what: 'renewed on reauthorizationRequired' });

  const resyncs = syncsFor(h, 'resync');
  h.microsoft.triggerLifecycle(subs[0]!.id, 'subscriptionRemoved');
  const recreated = await eventually(async () => {
    const c = await storedConnection(h, connectionId);
    return c.watch && c.watch.resourceId !== subs[0]!.id ? c.watch : undefined;
  }, { what: 'recreated' });
  t.same(h.microsoft.subscriptions(h.msAccount.id).map((s) => s.id), [recreated.resourceId], 'the fake holds the new subscription');
  await eventually(() => syncsFor(h, 'resync') > resyncs, { what: 'resync after removal' });
  // Requests made before a sync starts are one message: 'missed' only asks for a sync of its own once that resync ran.
  await h.syncsHandled();

  const missedBefore = h.seen('calendar.sync.requested.v1').length;
  const lastSynced = (await storedConnection(h, connectionId)).lastSyncedAt!;
  h.microsoft.triggerLifecycle(recreated.resourceId, 'missed');
  await eventually(() => h.seen('calendar.sync.requested.v1').slice(missedBefore).some((e) => e.data.reason === 'resync'), { what: 'resync on missed' });
  await eventually(async () => (await storedConnection(h, connectionId)).lastSyncedAt! > lastSynced, { what: 'synced after missed' });
});

t.test('google channel: change → push → sync; the renewal timer replaces a channel before it expires and stops the old one', async (t) => {
  let offsetMs = 0;
  const h = await createHarness(t, { listen: true, deps: { now: () => new Date(Date.now() + offsetMs), renewCheckMs: 100 } });
  const { connectionId } = await connectAs(h, 'google', LEADER.email);
  const conn = await eventually(async () => (await storedConnection(h, connectionId)).watch && storedConnection(h, connectionId), { what: 'channel' });
  const old = h.google.channels.find((c) => c.id === conn.watch?.channelId);
  t.equal(old?.address, `${h.publicUrl}/webhooks/google`);

  const pushed = h.google.insertEvent(LEADER.email, gslot(1, 'Pushed'));
  await eventually(async () => (await storedEvents(h, connectionId)).some((e) => e.providerEventId === pushed.id), { what: 'change via push' });
  await h.google.pushSettled();
  t.ok(h.google.deliveries.some((d) => d.channelId === old?.id && d.state === 'exists' && d.outcome === 200), 'the push was accepted');
  await h.observed();
  t.ok(syncsFor(h, 'webhook') >= 1);

  // Six and a half days later, for us and for Google: less than a day is left, so the timer renews.
  offsetMs = 6.5 * DAY_MS;
  h.google.clock.advance(offsetMs);
  const renewed = await eventually(async () => {
    const c = await storedConnection(h, connectionId);
    return c.watch && c.watch.channelId !== old?.id ? c.watch : undefined;
  }, { what: 'a new channel' });
  t.ok(renewed.expiresAt.getTime() > conn.watch!.expiresAt.getTime(), 'it lives longer than the old one');
  await eventually(() => h.google.channels.find((c) => c.id === old?.id)?.stopped, { what: 'old channel stopped' });
  t.notOk(h.google.channels.find((c) => c.id === renewed.channelId)?.stopped, 'the new channel is live');
  // A renewal that lost a race stops its own new channel right after: what must hold is that one stays live.
  await eventually(() => h.google.channels.filter((c) => !c.stopped).length === 1, { what: 'exactly one live channel' });
  t.equal(h.google.channels.filter((c) => !c.stopped).length, 1, 'exactly one live channel');

  const later = h.google.insertEvent(LEADER.email, gslot(2, 'Via the new channel'));
  await eventually(async () => (await storedEvents(h, connectionId)).some((e) => e.providerEventId === later.id), { what: 'change via the new channel' });
});

t.test('polling backstop: without watches a change is picked up by the next poll', async (t) => {
  const h = await createHarness(t, { deps: { pollIntervalMs: 300 } });
  const { connectionId } = await connectAs(h, 'google', LEADER.email);
  await eventually(async () => (await storedConnection(h, connectionId)).lastSyncedAt, { what: 'first sync' });
  t.notOk((await storedConnection(h, connectionId)).watch, 'no watch on a plain-http PUBLIC_URL');
  const polls = syncsFor(h, 'poll');
  const changed = h.google.insertEvent(LEADER.email, gslot(1, 'Only the poll sees this'));
  await eventually(async () => (await storedEvents(h, connectionId)).some((e) => e.providerEventId === changed.id), { what: 'polled change' });
  // The sync is done, but the observer may not have taken in its request yet (and polls keep coming meanwhile).
  await eventually(() => syncsFor(h, 'poll') > polls, { what: 'the poll request observed' });
  t.ok(syncsFor(h, 'poll') > polls, 'picked up by a poll');
  t.equal(syncsFor(h, 'webhook'), 0);
});
