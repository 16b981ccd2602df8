// Graph subscriptions on the Microsoft fake: validation handshake, lifetime limit, change and lifecycle notifications.
import { Client, type GraphError } from '@microsoft/microsoft-graph-client';
import Fastify from 'fastify';
import t, { type Test } from 'tap';
import { defaultTlsMaterial, startMicrosoftFake } from '../src/index.js';

type Mode = 'echo' | 'encoded' | 'json' | 'silent';

/** A webhook receiver over HTTPS that answers validation the way `mode` says and records notifications. */
async function receiver(t: Test) {
  const state = { mode: 'echo' as Mode, validations: [] as string[], notifications: [] as unknown[] };
  const app = Fastify({ https: defaultTlsMaterial() });
  app.post('/hook', async (req, reply) => {
    const token = (req.query as { validationToken?: string }).validationToken;
    if (token === undefined) {
      state.notifications.push(req.body);
      return reply.code(202).send();
    }
    state.validations.push(token);
    if (state.mode === 'silent') return new Promise(() => {});
    if (state.mode === 'json') return reply.send({ token });
    return reply.type('text/plain').send(state.mode === 'encoded' ? encodeURIComponent(token) : token);
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  t.teardown(() => app.close());
  const port = (app.server.address() as { port: number }).port;
  return { state, url: `https://localhost:${port}/hook` };
}

async function setup(t: Test, validationTimeoutMs = 10_000) {
  const fake = await startMicrosoftFake({ now: new Date('2026-11-25T12:00:00Z'), validationTimeoutMs });
  t.teardown(() => fake.close());
  const account = fake.addAccount();
  const token = fake.issueTokens(account.id).accessToken;
  const client = Client.initWithMiddleware({ authProvider: { getAccessToken: async () => token }, baseUrl: fake.url, customHosts: new Set(['localhost']) });
  const hook = await receiver(t);
  const body = (minutes: number) => ({
    changeType: 'created,updated,deleted',
    notificationUrl: hook.url,
    lifecycleNotificationUrl: hook.url,
    resource: '/me/events',
    expirationDateTime: new Date(fake.clock.now() + minutes * 60_000).toISOString(),
    clientState: 'secret-state',
  });
  return { fake, account, client, hook, body };
}

t.test('create validates both URLs, then notifications follow every change', async (t) => {
  const { fake, account, client, hook, body } = await setup(t);
  const sub = await client.api('/subscriptions').post(body(4000));
  t.equal(hook.state.validations.length, 2, 'notificationUrl and lifecycleNotificationUrl are both validated');
  t.match(hook.state.validations[0], /^Validation: Testing client application reachability/, 'the receiver saw the decoded token');
  t.equal(sub.clientState, 'secret-state');
  const created = fake.createEvent(account.id, {
    subject: 'Board',
    start: { dateTime: '2026-11-30T09:00:00', timeZone: 'UTC' },
    end: { dateTime: '2026-11-30T10:00:00', timeZone: 'UTC' },
  });
  fake.deleteEvent(account.id, created.id);
  await fake.flushNotifications();
  t.equal(hook.state.notifications.length, 2);
  t.match(hook.state.notifications[0], {
    value: [
      {
        subscriptionId: sub.id,
        changeType: 'created',
        clientState: 'secret-state',
        resource: `Users/${account.id}/Events/${created.id}`,
        resourceData: { '@odata.type': '#Microsoft.Graph.Event', '@odata.id': `Users/${account.id}/Events/${created.id}`, id: created.id },
        tenantId: account.tenantId,
      },
    ],
  });
  t.match(hook.state.notifications[1], { value: [{ changeType: 'deleted' }] });
});

t.test('validation failures refuse the subscription', async (t) => {
  const { client, hook, body, fake } = await setup(t, 300);
  for (const mode of ['encoded', 'json', 'silent'] as const) {
    hook.state.mode = mode;
    const err = (await client.api('/subscriptions').post(body(60)).catch((e: GraphError) => e)) as GraphError;
    t.equal(err.statusCode, 400, `${mode} answer → 400`);
  }
  t.same(fake.subscriptions(), []);
});

t.test('lifetime over 10,080 minutes is rejected with ExtensionError, not capped', async (t) => {
  const { client, body } = await setup(t);
  const err = (await client.api('/subscriptions').post(body(10_081)).catch((e: GraphError) => e)) as GraphError;
  t.equal(err.statusCode, 400);
  t.equal(err.code, 'ExtensionError');
});

t.test('renew revalidates, delete removes, lifecycle events reach the lifecycle URL', async (t) => {
  const { client, hook, body, fake } = await setup(t);
  const sub = await client.api('/subscriptions').post(body(60));
  const later = new Date(fake.clock.now() + 5000 * 60_000).toISOString();
  const renewed = await client.api(`/subscriptions/${sub.id}`).patch({ expirationDateTime: later });
  t.equal(Date.parse(renewed.expirationDateTime), Date.parse(later));
  t.equal(hook.state.validations.length, 4, 'renewal validated both URLs again');
  for (const event of ['reauthorizationRequired', 'missed', 'subscriptionRemoved'] as const) fake.triggerLifecycle(sub.id, event);
  await fake.flushNotifications();
  t.same(
    hook.state.notifications.map((n) => (n as { value: { lifecycleEvent: string }[] }).value[0]!.lifecycleEvent),
    ['reauthorizationRequired', 'missed', 'subscriptionRemoved'],
  );
  t.same(fake.subscriptions(), [], 'subscriptionRemoved removes it');
  const gone = (await client.api(`/subscriptions/${sub.id}`).delete().catch((e: GraphError) => e)) as GraphError;
  t.equal(gone.statusCode, 404);
});
