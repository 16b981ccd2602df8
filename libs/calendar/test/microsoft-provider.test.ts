// The Microsoft adapter beyond the shared contract: Graph-specific mapping, tagging, errors, subscriptions and mailbox settings.
import { startMicrosoftFake } from '@ledarsteg/provider-fakes';
import t, { type Test } from 'tap';
import { type CalendarProvider, createMicrosoftProvider, type EventChange, ProviderError, type RetryPolicy, type SyncPage, type TokenSource } from '../src/index.js';
import { msTokenSource } from './fixtures/microsoft-harness.js';

const FAST: RetryPolicy = { attempts: 3, baseDelayMs: 1, maxDelayMs: 60_000, sleep: async () => {} };
const ONCE: RetryPolicy = { ...FAST, attempts: 1 };
const WINDOW = { start: new Date('2026-11-30T00:00:00Z'), end: new Date('2026-12-07T00:00:00Z') };

async function setup(t: Test) {
  const fake = await startMicrosoftFake();
  t.teardown(() => fake.close());
  const account = fake.addAccount({ mail: 'lea@contoso.example', timeZone: 'W. Europe Standard Time' });
  const client = fake.addClient();
  const tokens = msTokenSource(fake, account.id, client.clientId, client.clientSecret);
  const provider = (retry = FAST, extra: { tokens?: TokenSource; pageSize?: number } = {}) =>
    createMicrosoftProvider({
      tokens: extra.tokens ?? tokens,
      baseUrl: fake.url,
      retry,
      account: { email: 'lea@contoso.example' },
      ...(extra.pageSize ? { pageSize: extra.pageSize } : {}),
    });
  return { fake, account, tokens, provider };
}

async function pages(provider: CalendarProvider, cursor?: string): Promise<SyncPage[]> {
  const out: SyncPage[] = [];
  for await (const page of provider.sync(cursor, WINDOW)) out.push(page);
  return out;
}

async function failure(p: Promise<unknown>): Promise<ProviderError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(err)}`);
  return err;
}

const utc = (day: string, hour: number, subject: string, extra: Record<string, unknown> = {}) => ({
  subject,
  start: { dateTime: `${day}T${String(hour).padStart(2, '0')}:00:00`, timeZone: 'W. Europe Standard Time' },
  end: { dateTime: `${day}T${String(hour + 1).padStart(2, '0')}:00:00`, timeZone: 'W. Europe Standard Time' },
  ...extra,
});

t.test('sync maps Windows zones, falls back to the mailbox zone, and turns cancelled meetings into deletes', async (t) => {
  const { fake, account, provider } = await setup(t);
  const berlin = fake.createEvent(account.id, utc('2026-11-30', 9, 'Berlin'));
  const odd = fake.createEvent(account.id, { ...utc('2026-12-01', 9, 'Odd zone'), start: { dateTime: '2026-12-01T08:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-12-01T09:00:00', timeZone: 'UTC' } });
  fake.updateEvent(account.id, odd.id, {});
  const cancelled = fake.createEvent(account.id, utc('2026-12-02', 9, 'Cancelled', { isCancelled: true, isOrganizer: false, organizer: { emailAddress: { address: 'boss@contoso.example' } } }));
  const changes = (await pages(provider())).flatMap((p) => p.changes);
  const byId = new Map(changes.map((c) => [c.type === 'upsert' ? c.event.providerEventId : c.providerEventId, c]));
  t.match(byId.get(berlin.id), { type: 'upsert', event: { timeZone: 'Europe/Berlin', start: '2026-11-30T08:00:00.000Z', createdAt: /Z$/ } });
  t.match(byId.get(odd.id), { type: 'upsert', event: { timeZone: 'UTC' } });
  t.same(byId.get(cancelled.id), { type: 'delete', providerEventId: cancelled.id });
});

t.test('delta pages follow odata.maxpagesize; duplicate ids in a page collapse (last wins)', async (t) => {
  const { fake, account, provider } = await setup(t);
  for (let i = 0; i < 5; i++) fake.createEvent(account.id, utc('2026-12-01', 8 + i, `E${i}`));
  const result = await pages(provider(FAST, { pageSize: 2 }));
  t.equal(result.length, 3);
  fake.setDeltaQuirks(account.id, { duplicateIds: true });
  const dup = await pages(provider(FAST, { pageSize: 50 }));
  t.equal(dup[0]!.changes.length, 5, 'each id once');
});

t.test('cursors: a foreign cursor and every dead-token answer are sync_token_invalid', async (t) => {
  const { fake, account, provider } = await setup(t);
  fake.createEvent(account.id, utc('2026-12-01', 9, 'A'));
  t.equal((await failure(pages(provider(), 'https://elsewhere.example/v1.0/me/calendarView/delta?$deltatoken=x'))).kind, 'sync_token_invalid');
  for (const mode of ['gone', 'syncStateNotFound', 'resyncRequired'] as const) {
    const cursor = (await pages(provider())).at(-1)!.cursor!;
    fake.invalidateDeltaTokens(account.id, mode);
    const err = await failure(pages(provider(), cursor));
    t.equal(err.kind, 'sync_token_invalid', mode);
  }
});

t.test('blocks: tagged, private and busy; concurrent first bookings make one event; bad ids are rejected', async (t) => {
  const { fake, account, provider } = await setup(t);
  const block = { blockId: 'abc12345', start: new Date('2026-12-01T12:00:00Z'), end: new Date('2026-12-01T13:30:00Z'), timeZone: 'Europe/Stockholm', title: 'Ledartid', description: 'Booked by LedarSteg' };
  const [a, b] = await Promise.all([provider().upsertBlock(block), provider().upsertBlock(block)]);
  t.equal(a.providerEventId, b.providerEventId, 'transactionId made the second POST return the first event');
  const events = fake.listEvents(account.id);
  t.equal(events.length, 1);
  t.match(events[0], {
    showAs: 'busy',
    sensitivity: 'private',
    start: { dateTime: '2026-12-01T12:00:00.0000000' },
    originalStartTimeZone: 'Europe/Stockholm',
    singleValueExtendedProperties: [{ id: 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name LedarstegBlockId', value: 'abc12345' }],
  });
  t.equal((await failure(provider().upsertBlock({ ...block, blockId: 'NOT_VALID!' }))).kind, 'rejected');
  await provider().removeBlock('abc12345');
  t.same(fake.listEvents(account.id), []);
  await provider().removeBlock('abc12345');
});

t.test('errors: 401 refreshes once then unauthorized; 429/5xx kinds; no hidden SDK retries; network down', async (t) => {
  const { fake, provider } = await setup(t);
  let refreshed = 0;
  const stale: TokenSource = {
    accessToken: async () => 'stale',
    refresh: async () => {
      refreshed++;
      return 'still-stale';
    },
  };
  t.equal((await failure(provider(FAST, { tokens: stale }).calendarSettings())).kind, 'unauthorized');
  t.equal(refreshed, 1, 'one refresh, one retry');

  fake.fault({ status: 429, retryAfterSeconds: 0 });
  fake.clearRequestLog();
  const limited = await failure(provider(ONCE).calendarSettings());
  t.match(limited, { kind: 'rate_limited', retryAfterMs: 0, status: 429 });
  t.equal(fake.countRequests('/me'), 1, 'the SDK RetryHandler is not in the chain');
  fake.fault({ status: 429 });
  t.equal((await failure(provider(ONCE).calendarSettings())).retryAfterMs, undefined);
  for (const status of [503, 504, 500]) {
    fake.fault({ status });
    t.equal((await failure(provider(ONCE).calendarSettings())).kind, 'unavailable', String(status));
  }
  fake.fault({ status: 503, times: 2 });
  t.equal((await provider(FAST).calendarSettings()).timeZone, 'Europe/Berlin', 'retried within the budget');
  fake.fault({ delayMs: 30 });
  t.equal((await provider(FAST).calendarSettings()).timeZone, 'Europe/Berlin', 'slow but fine');
  const down = createMicrosoftProvider({ tokens: stale, baseUrl: 'https://localhost:1', retry: ONCE });
  t.equal((await failure(down.calendarSettings())).kind, 'unavailable');
});

t.test('watch caps the lifetime, renews in place, recreates a removed subscription, stops idempotently', async (t) => {
  const { fake, account, provider } = await setup(t);
  const hooks: string[] = [];
  const { default: Fastify } = await import('fastify');
  const { defaultTlsMaterial } = await import('@ledarsteg/provider-fakes');
  const app = Fastify({ https: defaultTlsMaterial() });
  app.post('/:kind', async (req, reply) => {
    const token = (req.query as { validationToken?: string }).validationToken;
    if (token !== undefined) return reply.type('text/plain').send(token);
    hooks.push(`${(req.params as { kind: string }).kind}:${JSON.stringify(req.body)}`);
    return reply.code(202).send();
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  t.teardown(() => app.close());
  const base = `https://localhost:${(app.server.address() as { port: number }).port}`;
  const request = { channelId: 'c1', address: `${base}/notify`, lifecycleAddress: `${base}/lifecycle`, secret: 'shh', expiresAt: new Date(Date.now() + 30 * 86_400_000) };
  const watch = await provider().watch(request);
  t.ok(watch.expiresAt.getTime() < Date.now() + 10_080 * 60_000, 'asked for less than 10,080 minutes');
  t.match(fake.subscriptions(account.id)[0], { resource: '/me/events', changeType: 'created,updated,deleted', clientState: 'shh', lifecycleNotificationUrl: `${base}/lifecycle` });
  const renewed = await provider().renewWatch(watch, { ...request, expiresAt: new Date(Date.now() + 86_400_000) });
  t.equal(renewed.resourceId, watch.resourceId, 'same channel: PATCHed in place');
  fake.triggerLifecycle(watch.resourceId, 'subscriptionRemoved');
  await fake.flushNotifications();
  t.match(hooks.at(-1), /^lifecycle:.*subscriptionRemoved/);
  const recreated = await provider().renewWatch(renewed, request);
  t.not(recreated.resourceId, watch.resourceId, 'a removed subscription is created again');
  fake.createEvent(account.id, utc('2026-12-01', 9, 'ping'));
  await fake.flushNotifications();
  t.match(hooks.at(-1), /^notify:.*"clientState":"shh"/);
  await provider().stopWatch(recreated);
  await provider().stopWatch(recreated);
  t.same(fake.subscriptions(account.id), []);
});

t.test('calendar settings: Windows zone to IANA, working hours moved into the mailbox zone', async (t) => {
  const { fake, provider } = await setup(t);
  const other = fake.addAccount({
    mail: 'sam@contoso.example',
    timeZone: 'W. Europe Standard Time',
    workingHours: { daysOfWeek: ['monday', 'friday'], startTime: '08:00:00', endTime: '16:00:00', timeZone: 'Pacific Standard Time' },
  });
  const client = fake.addClient();
  const p = createMicrosoftProvider({ tokens: msTokenSource(fake, other.id, client.clientId, client.clientSecret), baseUrl: fake.url, retry: FAST });
  const settings = await p.calendarSettings();
  t.equal(settings.timeZone, 'Europe/Berlin');
  t.equal(settings.workingHours?.length, 2);
  t.match(settings.workingHours?.[0], { weekday: 1, start: /^1[67]:00$/ }, '08:00 in Los Angeles is late afternoon in Berlin');
  const mine = await provider().calendarSettings();
  t.same(mine.workingHours?.map((d) => d.weekday), [1, 2, 3, 4, 5]);
  t.same(mine.workingHours?.[0], { weekday: 1, start: '08:00', end: '17:00' });
});

t.test('a revoked grant surfaces as invalid_grant from the token source', async (t) => {
  const { fake, account, provider } = await setup(t);
  fake.revokeGrants(account.id);
  const changes: EventChange[] = [];
  const err = await failure(
    (async () => {
      for await (const page of provider().sync(undefined, WINDOW)) changes.push(...page.changes);
    })(),
  );
  t.equal(err.kind, 'invalid_grant');
  t.same(changes, []);
});
