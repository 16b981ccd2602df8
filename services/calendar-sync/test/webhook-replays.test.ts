// Replayed and stale provider notifications are answered like any other but cost no provider call.
import { eventually } from '@ledarsteg/testing';
import t from 'tap';
import { LEADER, connectAs, connectThroughBrowser, createHarness, storedConnection } from './fixtures/harness.js';

t.setTimeout(180_000);
type H = Awaited<ReturnType<typeof createHarness>>;
const webhookSyncs = (h: H) => h.seen('calendar.sync.requested.v1').filter((e) => e.data.reason === 'webhook').length;

/** Every sync asked for has run and been observed: from here on, nothing more reaches a provider on its own. */
async function settled(h: H) {
  await h.syncsHandled();
  await h.observed();
}

t.test('google: a replayed or older X-Goog-Message-Number is answered 200 and asks Google for nothing', async (t) => {
  const h = await createHarness(t, { publicUrl: 'https://calendar-sync.test' });
  const { callback } = await connectThroughBrowser(h, 'google');
  const { connectionId } = callback.json();
  const conn = await eventually(async () => ((await storedConnection(h, connectionId)).watch ? storedConnection(h, connectionId) : undefined), { what: 'watch' });
  const channel = h.google.channels.find((c) => c.id === conn.watch?.channelId);
  if (!channel?.token) throw new Error('no channel token');
  await settled(h);

  const notify = (messageNumber: number) =>
    h.app.inject({
      method: 'POST',
      url: '/webhooks/google',
      headers: {
        'x-goog-channel-id': channel.id,
        'x-goog-channel-token': channel.token as string,
        'x-goog-resource-id': channel.resourceId,
        'x-goog-resource-state': 'exists',
        'x-goog-message-number': String(messageNumber),
      },
    });
  const listCalls = () => h.google.requests.filter((r) => r.operation === 'events.list').length;

  let calls = listCalls();
  t.equal((await notify(40)).statusCode, 200);
  await eventually(() => listCalls() > calls, { what: 'the first notification syncs' });
  await settled(h);
  t.equal(webhookSyncs(h), 1);

  calls = h.google.requests.length;
  t.equal((await notify(40)).statusCode, 200, 'the same message again: 200');
  t.equal((await notify(37)).statusCode, 200, 'an older message: 200');
  await settled(h);
  t.equal(h.google.requests.length, calls, 'no request reached Google');
  t.equal(webhookSyncs(h), 1, 'and no sync was asked for');
  t.equal((await storedConnection(h, connectionId)).watch?.lastMessageNumber, 40, 'the highest number seen is kept');

  // The control: a newer message on the same channel still works.
  const lists = listCalls();
  t.equal((await notify(41)).statusCode, 200);
  await eventually(() => listCalls() > lists, { what: 'a newer notification syncs' });
  await settled(h);
  t.equal(webhookSyncs(h), 2);
});

t.test('graph: a replayed or stale change notification is answered 202 and asks Graph for nothing', async (t) => {
  const h = await createHarness(t, { listen: true });
  const { connectionId } = await connectAs(h, 'microsoft', h.msAccount.id);
  await eventually(async () => (await storedConnection(h, connectionId)).watch, { what: 'subscription' });
  const sub = h.microsoft.subscriptions(h.msAccount.id)[0];
  if (!sub) throw new Error('no subscription');
  await settled(h);

  const notification = (etag: string, expires = sub.expirationDateTime) => ({
    value: [
      {
        subscriptionId: sub.id,
        subscriptionExpirationDateTime: expires,
        changeType: 'updated',
        resource: `Users/${h.msAccount.id}/Events/e1`,
        resourceData: { '@odata.type': '#Microsoft.Graph.Event', '@odata.id': `Users/${h.msAccount.id}/Events/e1`, '@odata.etag': etag, id: 'e1' },
        clientState: sub.clientState ?? null,
        tenantId: 'tenant',
      },
    ],
  });
  const post = (body: unknown) => fetch(`${h.publicUrl}/webhooks/microsoft`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const graphCalls = () => h.microsoft.countRequests('');

  let calls = graphCalls();
  const first = notification('W/"1"');
  t.equal((await post(first)).status, 202);
  await eventually(() => graphCalls() > calls, { what: 'the first notification syncs' });
  await settled(h);
  t.equal(webhookSyncs(h), 1);

  calls = graphCalls();
  t.equal((await post(first)).status, 202, 'the same notification again: 202');
  const lapsed = new Date(Date.now() - 60_000).toISOString();
  t.equal((await post(notification('W/"2"', lapsed))).status, 202, 'one for a subscription period that is over: 202');
  const impossible = new Date(Date.now() + 30 * 24 * 3600_000).toISOString();
  t.equal((await post(notification('W/"3"', impossible))).status, 202, 'one with an expiry Graph never grants: 202');
  await settled(h);
  t.equal(graphCalls(), calls, 'no request reached Graph');
  t.equal(webhookSyncs(h), 1, 'and no sync was asked for');

  // The control: a new change on the same subscription still works.
  t.equal((await post(notification('W/"4"'))).status, 202);
  await eventually(() => graphCalls() > calls, { what: 'a new notification syncs' });
  await settled(h);
  t.equal(webhookSyncs(h), 2);
});

t.test('google: an unknown channel is answered exactly like a wrong token', async (t) => {
  const h = await createHarness(t, { publicUrl: 'https://calendar-sync.test' });
  const { connectionId } = await connectAs(h, 'google', LEADER.email);
  const conn = await eventually(async () => ((await storedConnection(h, connectionId)).watch ? storedConnection(h, connectionId) : undefined), { what: 'watch' });
  const channel = h.google.channels.find((c) => c.id === conn.watch?.channelId);
  const headers = {
    'x-goog-channel-id': channel?.id ?? '',
    'x-goog-resource-id': channel?.resourceId ?? '',
    'x-goog-resource-state': 'exists',
    'x-goog-message-number': '5',
  };
  const wrong = await h.app.inject({ method: 'POST', url: '/webhooks/google', headers: { ...headers, 'x-goog-channel-token': 'guess' } });
  const unknown = await h.app.inject({
    method: 'POST',
    url: '/webhooks/google',
    headers: { ...headers, 'x-goog-channel-id': 'no-such-channel', 'x-goog-channel-token': channel?.token ?? '' },
  });
  t.equal(wrong.statusCode, 401);
  t.equal(unknown.statusCode, wrong.statusCode, 'same status');
  t.equal(unknown.body, wrong.body, 'same body');
  t.match(wrong.json(), { code: 'SYNC_ERR_WEBHOOK_REJECTED', error: 'Unauthorized' });
});
