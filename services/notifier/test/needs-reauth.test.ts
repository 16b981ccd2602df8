import t, { type Test } from 'tap';
import { pino } from 'pino';
import { Consumers, type Payload, Subjects } from '@ledarsteg/contracts';
import { connectNats, createPublisher } from '@ledarsteg/messaging';
import { ConfigError, loadConfig } from '@ledarsteg/service-kit';
import { connectMongo } from '@ledarsteg/store';
import { eventually, expectOwnCollections, freePort, natsForTest, testDatabase, consumerIdle } from '@ledarsteg/testing';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { buildApp } from '../src/app.js';
import { OWN_COLLECTIONS } from '../src/collections.js';
import { NotifierConfig } from '../src/config.js';
import { deliveryLedger, reauthKey } from '../src/deliveries.js';
import { bodyText, messageIdOf, smtpSink } from '@ledarsteg/testing';

const logger = pino({ level: 'silent' });

const linked = (userId: string, email: string): Payload<'calendar.connection.linked.v1'> => ({
  userId, connectionId: `conn-${userId}`, provider: 'google', accountEmail: email, displayName: 'Anna <Lind>',
  timeZone: 'Europe/Stockholm', linkedAt: '2026-11-29T08:00:00Z',
});
const reauth = (userId: string, detectedAt = '2026-11-30T07:00:00Z'): Payload<'calendar.connection.needs-reauth.v1'> => ({
  userId, connectionId: `conn-${userId}`, provider: 'google', reason: 'invalid_grant', detectedAt,
});

async function setup(t: Test, smtpPort: number) {
  const nats = await natsForTest(t);
  const db = await testDatabase(t, 'notifier');
  const config = loadConfig(NotifierConfig, {
    NATS_URL: nats.url, MONGO_URL: db.url, NATS_PREFIX: nats.prefix, PORT: '0', LOG_LEVEL: 'silent',
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, MAIL_FROM: 'hej@ledarsteg.se', PUBLIC_URL: 'https://app.ledarsteg.se/',
    LINK_KEYS: 'k1:test-secret-that-is-long-enough-0123456789',
  });
  const app = await buildApp({ config, deps: { logger } });
  await app.ready();
  t.teardown(() => app.close());
  expectOwnCollections(t, db.url, 'notifier', OWN_COLLECTIONS);
  const nc = await connectNats({ servers: nats.url, name: 'test', logger });
  t.teardown(() => nc.close());
  const publish = createPublisher(nc, { logger, prefix: nats.prefix });
  return { app, nc, publish, prefix: nats.prefix, dbUrl: db.url };
}

t.test('config names what is missing or malformed', async (t) => {
  const err = t.throws(() => loadConfig(NotifierConfig, { MONGO_URL: 'mongodb://x/db', MAIL_FROM: 'not-an-email' })) as ConfigError;
  t.ok(err instanceof ConfigError);
  t.match(err.problems.join('\n'), /SMTP_URL is missing/);
  t.match(err.problems.join('\n'), /MAIL_FROM is invalid/);
  t.match(err.problems.join('\n'), /LINK_KEYS is missing/);
  const weak = t.throws(() => loadConfig(NotifierConfig, { MONGO_URL: 'mongodb://x/db', SMTP_URL: 'smtp://h:25', MAIL_FROM: 'a@b.se', LINK_KEYS: 'k1:short' })) as ConfigError;
  t.match(weak.problems.join('\n'), /LINK_KEYS is invalid/, 'a link secret under 32 characters is refused');
  const ok = loadConfig(NotifierConfig, {
    MONGO_URL: 'mongodb://x/db', SMTP_URL: 'smtps://u:p@mail.example.se:465', MAIL_FROM: 'hej@ledarsteg.se',
    LINK_KEYS: 'k2:new-secret-that-is-long-enough-0123456789,k1:old-secret-that-is-long-enough-0123456789',
  });
  t.equal(ok.PORT, 3003);
  t.equal(ok.PUBLIC_URL, 'http://localhost:3001');
});

t.test('a broken connection sends its leader exactly one reconnect email, however often it is announced', async (t) => {
  const smtp = smtpSink(await freePort());
  await smtp.start();
  t.teardown(() => smtp.stop());
  const { app, nc, publish, prefix } = await setup(t, smtp.port);

  await publish(Subjects.connectionLinked, linked('u1', 'anna@example.se'));
  await publish(Subjects.connectionNeedsReauth, reauth('u1'));
  await eventually(() => smtp.received.length >= 1, { what: 'the reconnect email', timeoutMs: 60_000 });

  // The same breakage again: new envelope ids, the same instant in another offset, twice.
  await publish(Subjects.connectionNeedsReauth, reauth('u1'));
  const last = await publish(Subjects.connectionNeedsReauth, reauth('u1', '2026-11-30T08:00:00+01:00'));
  await consumerIdle(nc, Consumers.notifier.needsReauth, prefix, last.seq);
  t.equal(smtp.received.length, 1, 'one email for one breakage');

  const mail = smtp.received[0]!;
  t.same(mail.to, ['anna@example.se']);
  const body = bodyText(mail.raw);
  t.match(body, 'https://app.ledarsteg.se/connect/google', 'links to the reconnect page');
  t.match(body, /Koppla om kalendern/, 'Swedish first');
  t.match(body, /Reconnect it here/, 'with an English line');
  t.match(body, 'Anna &#60;Lind&#62;', 'the display name is escaped in HTML');
  t.notMatch(body, '<Lind>"', 'and never injected raw');

  const res = await app.inject('/recipients/u1/deliveries');
  t.equal(res.statusCode, 200);
  const { deliveries } = res.json();
  t.equal(deliveries.length, 1);
  t.match(deliveries[0], { kind: 'needs-reauth', key: reauthKey('conn-u1', '2026-11-30T07:00:00Z'), messageId: messageIdOf(mail.raw) });
  t.same((await app.inject('/recipients/someone-else/deliveries')).json().deliveries, [], 'other leaders see nothing');

  // A new breakage later is a new email.
  await publish(Subjects.connectionNeedsReauth, reauth('u1', '2026-12-07T07:00:00Z'));
  await eventually(() => smtp.received.length === 2, { what: 'the second breakage email', timeoutMs: 60_000 });
});

t.test('an email the SMTP server could not take is sent once it is back', async (t) => {
  const smtp = smtpSink(await freePort());
  t.teardown(() => smtp.stop());
  const { app, publish, dbUrl } = await setup(t, smtp.port);
  const conn = await connectMongo(dbUrl);
  t.teardown(() => conn.close());
  const ledger = deliveryLedger(conn);

  await publish(Subjects.connectionLinked, linked('u2', 'bo@example.se'));
  await publish(Subjects.connectionNeedsReauth, reauth('u2'));
  const key = reauthKey('conn-u2', '2026-11-30T07:00:00Z');
  await eventually(async () => (await ledger.get(key))?.state === 'failed', { what: 'a failed first send', timeoutMs: 60_000 });
  t.same((await app.inject('/recipients/u2/deliveries')).json().deliveries, [], 'a failed send is not a delivery');

  await smtp.start();
  await eventually(() => smtp.received.length === 1, { what: 'the email after SMTP came back', timeoutMs: 90_000 });
  t.same(smtp.received[0]!.to, ['bo@example.se']);
  const entry = await eventually(async () => {
    const e = await ledger.get(key);
    return e?.state === 'done' ? e : undefined;
  });
  t.ok(entry.attempts >= 2, 'it took a retry');
  t.equal((await app.inject('/recipients/u2/deliveries')).json().deliveries.length, 1);
});

t.test('a reauth that arrives before the link waits for it; malformed messages never stop the service', async (t) => {
  const smtp = smtpSink(await freePort());
  await smtp.start();
  t.teardown(() => smtp.stop());
  const { app, nc, publish, prefix } = await setup(t, smtp.port);

  const js = jetstream(nc);
  await js.publish(`${prefix}.${Subjects.connectionNeedsReauth}`, 'not json at all');
  await js.publish(`${prefix}.${Subjects.connectionNeedsReauth}`, new Uint8Array([0xff, 0xfe, 0x00]));
  await js.publish(`${prefix}.${Subjects.connectionNeedsReauth}`, JSON.stringify({
    id: 'e1', subject: Subjects.connectionNeedsReauth, occurredAt: '2026-11-30T07:00:00Z', correlationId: 'e1',
    data: { userId: 'u3', provider: 'google', reason: 'invalid_grant', detectedAt: 'yesterday' },
  }));
  await js.publish(`${prefix}.${Subjects.connectionLinked}`, JSON.stringify({ id: 'e2', subject: Subjects.connectionLinked, data: {} }));

  await publish(Subjects.connectionNeedsReauth, reauth('u3'));
  await publish(Subjects.connectionLinked, linked('u3', 'cecilia@example.se'));
  await eventually(() => smtp.received.length === 1, { what: 'the email once the recipient is known', timeoutMs: 60_000 });
  t.same(smtp.received[0]!.to, ['cecilia@example.se']);

  const jsm = await jetstreamManager(nc);
  const dead = await eventually(async () => {
    const info = await jsm.streams.info(`${prefix}_DEADLETTER`);
    return info.state.messages >= 4 ? info.state.messages : undefined;
  }, { what: 'the malformed messages dead-lettered' });
  t.equal(dead, 4, 'every malformed message, and nothing else, is dead-lettered');
  t.equal((await app.inject('/readyz')).statusCode, 200, 'the service is still ready');
});
