// The notifier forgets a leader: the recipient goes with their last calendar or their account; sent emails stay only
// as hashed exactly-once keys, so the same breakage never emails twice, even after the leader came back.
import t from 'tap';
import { pino } from 'pino';
import { Consumers, type Payload, Subjects } from '@ledarsteg/contracts';
import { connectNats, createPublisher } from '@ledarsteg/messaging';
import { loadConfig } from '@ledarsteg/service-kit';
import { consumerIdle, eventually, expectOwnCollections, freePort, mentionsIn, natsForTest, smtpSink, testDatabase, documentsIn } from '@ledarsteg/testing';
import { buildApp } from '../src/app.js';
import { OWN_COLLECTIONS } from '../src/collections.js';
import { NotifierConfig } from '../src/config.js';

const logger = pino({ level: 'silent' });
const USER = 'leader-notified';
const EMAIL = 'anna@example.se';

t.test('a disconnect and an account deletion erase the recipient and anonymise what was sent', async (t) => {
  const smtp = smtpSink(await freePort());
  await smtp.start();
  t.teardown(() => smtp.stop());
  const nats = await natsForTest(t);
  const db = await testDatabase(t, 'notifier_erasure');
  const config = loadConfig(NotifierConfig, {
    NATS_URL: nats.url, MONGO_URL: db.url, NATS_PREFIX: nats.prefix, PORT: '0', LOG_LEVEL: 'silent',
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'hej@ledarsteg.se', PUBLIC_URL: 'https://app.ledarsteg.se/',
    LINK_KEYS: 'k1:test-secret-that-is-long-enough-0123456789',
  });
  const app = await buildApp({ config, deps: { logger } });
  await app.ready();
  t.teardown(() => app.close());
  expectOwnCollections(t, db.url, 'notifier', OWN_COLLECTIONS);
  const nc = await connectNats({ servers: nats.url, name: 'test', logger });
  t.teardown(() => nc.close());
  const publish = createPublisher(nc, { logger, prefix: nats.prefix });
  const at = (offsetMinutes: number) => new Date(Date.now() + offsetMinutes * 60_000).toISOString();
  const linked = (): Payload<'calendar.connection.linked.v1'> => ({
    userId: USER, connectionId: 'conn-1', provider: 'google', accountEmail: EMAIL, displayName: 'Anna', timeZone: 'Europe/Stockholm', linkedAt: at(0),
  });
  const breakage: Payload<'calendar.connection.needs-reauth.v1'> = { userId: USER, connectionId: 'conn-1', provider: 'google', reason: 'invalid_grant', detectedAt: '2026-11-30T07:00:00Z' };

  await publish(Subjects.connectionLinked, linked());
  await publish(Subjects.connectionNeedsReauth, breakage);
  await eventually(() => smtp.received.length === 1, { what: 'the reconnect email', timeoutMs: 60_000 });
  await eventually(async () => (await documentsIn(db.url, 'notifier_deliveries')).some((d) => d['state'] === 'done'), { what: 'the send recorded' });
  const sentBeforeErasure = at(0);

  // What the digest keeps: the leader's digest settings and a booked ledartid block.
  const settings = (changedAt: string): Payload<'analysis.settings.changed.v1'> => ({
    userId: USER, timeZone: 'Europe/Stockholm', workingHours: [{ weekday: 1, start: '08:00', end: '17:00' }],
    ledartidGoal: { blocks: 2, blockMinutes: 90, preferredTime: 'any' }, autoBook: true, shareWithCoach: false, displayName: 'Anna',
    email: EMAIL, locale: 'sv', weeklyDigest: true, digestAt: { weekday: 1, time: '07:00' }, changedAt,
  });
  const block = { blockId: 'blk00001', requestId: 'req-1', userId: USER, action: 'create' as const, start: '2026-12-07T12:30:00Z', end: '2026-12-07T14:00:00Z' };
  const settled = await publish(Subjects.settingsChanged, settings(at(0)));
  const booked = await publish(Subjects.bookingCompleted, { ...block, completedAt: at(0) });
  await consumerIdle(nc, Consumers.notifier.settingsChanged, nats.prefix, settled.seq);
  await consumerIdle(nc, Consumers.notifier.bookingCompleted, nats.prefix, booked.seq);
  t.equal((await documentsIn(db.url, 'notifier_digest_subscriptions')).length, 1, 'the digest settings are kept');
  t.equal((await documentsIn(db.url, 'notifier_ledartid_blocks')).length, 1, 'the booked block is kept');

  const disconnected = await publish(Subjects.connectionDisconnected, { userId: USER, connectionId: 'conn-1', provider: 'google', remainingConnections: 0, disconnectedAt: at(0) });
  await consumerIdle(nc, Consumers.notifier.connectionDisconnected, nats.prefix, disconnected.seq);
  t.same(await mentionsIn(db.url, OWN_COLLECTIONS, [USER, EMAIL, 'conn-1', 'Anna']), [], 'nothing names the leader, the address or the calendar');
  const ledger = await documentsIn(db.url, 'notifier_deliveries');
  t.equal(ledger.length, 1, 'the sent email is still counted');
  t.match(ledger[0], { state: 'done', key: /^erased:[0-9a-f]{64}$/ });
  t.notOk('result' in (ledger[0] ?? {}), 'without what it was or who got it');
  t.same((await app.inject(`/recipients/${USER}/deliveries`)).json().deliveries, []);

  // A redelivery from before the erasure sends nothing; nor does the same breakage after the leader came back.
  const late = await publish(Subjects.connectionNeedsReauth, breakage, { occurredAt: sentBeforeErasure });
  await consumerIdle(nc, Consumers.notifier.needsReauth, nats.prefix, late.seq);
  const lateSettings = await publish(Subjects.settingsChanged, settings(sentBeforeErasure), { occurredAt: sentBeforeErasure });
  await consumerIdle(nc, Consumers.notifier.settingsChanged, nats.prefix, lateSettings.seq);
  t.same(await documentsIn(db.url, 'notifier_digest_subscriptions'), [], 'settings from before the erasure bring nothing back');
  const back = await publish(Subjects.connectionLinked, { ...linked(), linkedAt: at(1) }, { occurredAt: at(1) });
  await consumerIdle(nc, Consumers.notifier.connectionLinked, nats.prefix, back.seq);
  const backSettings = await publish(Subjects.settingsChanged, settings(at(1)), { occurredAt: at(1) });
  const backBlock = await publish(Subjects.bookingCompleted, { ...block, completedAt: at(1) }, { occurredAt: at(1) });
  await consumerIdle(nc, Consumers.notifier.settingsChanged, nats.prefix, backSettings.seq);
  await consumerIdle(nc, Consumers.notifier.bookingCompleted, nats.prefix, backBlock.seq);
  t.equal((await documentsIn(db.url, 'notifier_digest_subscriptions')).length, 1, 'the returning leader gets digests again');
  const again = await publish(Subjects.connectionNeedsReauth, breakage, { occurredAt: at(2) });
  await consumerIdle(nc, Consumers.notifier.needsReauth, nats.prefix, again.seq);
  t.equal(smtp.received.length, 1, 'one email for one breakage, erasure or not');
  t.same(await mentionsIn(db.url, ['notifier_recipients'], [EMAIL]), [`notifier_recipients: ${EMAIL}`], 'the returning leader is a recipient again');

  const deleted = await publish(Subjects.accountDeleted, { userId: USER, deletedAt: at(3) });
  await consumerIdle(nc, Consumers.notifier.accountDeleted, nats.prefix, deleted.seq);
  t.same(await mentionsIn(db.url, OWN_COLLECTIONS, [USER, EMAIL, 'conn-1', 'Anna']), [], 'after the account deletion nothing names the leader');
});
