// The settings outbox, shown by killing the analyser (a process built from dist/) between storing a change and
// publishing it: after a restart the change is announced, once, with the id written beside it.
import t from 'tap';
import { pino } from 'pino';
import { type ConsumerDefinition, type Envelope, Streams, Subjects } from '@ledarsteg/contracts';
import { connectNats, createPublisher, ensureConsumer, startConsumer } from '@ledarsteg/messaging';
import { consumerIdle, eventually, freePort, natsForTest, spawnService, testDatabase, waitForStatus } from '@ledarsteg/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import mongoose from 'mongoose';

const logger = pino({ level: 'silent' });

t.test('killed between the write and the publish, the analyser announces the settings change exactly once after a restart', async (t) => {
  const nats = await natsForTest(t);
  const db = await testDatabase(t, 'analyser_outbox');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = {
    NATS_URL: nats.url, NATS_PREFIX: nats.prefix, MONGO_URL: db.url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn',
    AUTO_BOOK_CHECK_SECONDS: '3600',
  };
  const nc = await connectNats({ servers: nats.url, name: 'test', logger });
  t.teardown(() => nc.close());
  const publish = createPublisher(nc, { logger, prefix: nats.prefix });
  const store = await mongoose.createConnection(db.url).asPromise();
  t.teardown(() => store.close());
  const profiles = store.collection('user_profiles');

  const seen: Envelope<'analysis.settings.changed.v1'>[] = [];
  const watch: ConsumerDefinition<'analysis.settings.changed.v1'> = {
    stream: Streams.analysis, durable: 'test-settings-outbox', subject: Subjects.settingsChanged, ackWaitMs: 5_000, maxDeliver: 3, backoffMs: [100],
  };
  const announcedInStream = async () => {
    const jsm = await jetstreamManager(nc);
    const stream = `${nats.prefix}_${Streams.analysis.name}`;
    const subject = `${nats.prefix}.${Subjects.settingsChanged}`;
    const info = await jsm.streams.info(stream, { subjects_filter: '>' });
    const count = info.state.subjects?.[subject] ?? 0;
    // The barrier for the observer: the sequence of the last settings.changed, the only subject it reads.
    const lastSeq = count > 0 ? ((await jsm.streams.getMessage(stream, { last_by_subj: subject }))?.seq ?? 0) : 0;
    return { count, lastSeq };
  };

  // First life: the crash point is set, as only tests set it.
  const first = spawnService('analyser', { ...env, CRASH_POINT: 'settings-stored' }, { from: 'dist' });
  t.teardown(() => first.stop('SIGKILL'));
  await waitForStatus(`${url}/readyz`, 200, 120_000);
  await ensureConsumer(nc, watch, { prefix: nats.prefix });
  const consumer = await startConsumer(nc, watch, async (env) => void seen.push(env), { logger, service: 'test', prefix: nats.prefix });
  t.teardown(() => consumer.stop());
  await publish(Subjects.connectionLinked, {
    userId: 'u1', connectionId: 'c1', provider: 'google', accountEmail: 'anna@example.se', timeZone: 'Europe/Stockholm', linkedAt: new Date().toISOString(),
  });
  await eventually(async () => (await fetch(`${url}/leaders/u1/settings`)).status === 200, { what: 'the leader', timeoutMs: 60_000 });

  const put = await fetch(`${url}/leaders/u1/settings`, {
    method: 'PUT', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ optIns: { shareWithCoach: false }, ledartidGoal: { blocks: 3, blockMinutes: 60, preferredTime: 'morning' } }),
  }).then((r) => r.status, (err: Error) => err.name);
  t.not(put, 200, 'no answer: the process died mid-request');
  t.equal(await first.exited, 'SIGKILL', 'killed right after the write');

  const stored = await profiles.findOne({ userId: 'u1' });
  t.equal(stored?.['ledartidGoal']?.blocks, 3, 'the change was stored');
  const waiting = stored?.['outbox'] as { id: string; subject: string }[];
  t.equal(waiting?.length, 1, 'its announcement waits in the same document');
  t.equal(waiting[0]?.subject, Subjects.settingsChanged);
  t.equal((await announcedInStream()).count, 0, 'and was never published');

  // Second life, without the crash point: the outbox is relayed at start.
  const second = spawnService('analyser', env, { from: 'dist' });
  t.teardown(() => second.stop('SIGKILL'));
  await waitForStatus(`${url}/readyz`, 200, 120_000);
  const announced = await eventually(() => seen[0], { what: 'the settings change announced', timeoutMs: 60_000 });
  t.equal(announced.id, waiting[0]?.id, 'under the id written with the change: the JetStream msgID');
  t.match(announced.data, { userId: 'u1', ledartidGoal: { blocks: 3, blockMinutes: 60 } });
  await eventually(async () => ((await profiles.findOne({ userId: 'u1' }))?.['outbox'] ?? []).length === 0, { what: 'the outbox emptied' });

  // A crash after the publish but before the outbox was cleared leaves the message waiting again: relayed again,
  // JetStream drops it as a duplicate.
  await second.stop('SIGKILL');
  await profiles.updateOne({ userId: 'u1' }, { $push: { outbox: stored?.['outbox'][0] } } as never);
  const third = spawnService('analyser', env, { from: 'dist' });
  t.teardown(() => third.stop('SIGTERM'));
  await waitForStatus(`${url}/readyz`, 200, 120_000);
  await eventually(async () => ((await profiles.findOne({ userId: 'u1' }))?.['outbox'] ?? []).length === 0, { what: 'the repeated relay done' });
  const { count, lastSeq } = await announcedInStream();
  t.equal(count, 1, 'one settings.changed in the stream');
  await consumerIdle(nc, watch, nats.prefix, lastSeq);
  t.equal(seen.length, 1, 'and one received');
});
