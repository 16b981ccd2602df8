import t from 'tap';
import { pino } from 'pino';
import { type ConsumerDefinition, Streams, Subjects } from '@ledarsteg/contracts';
import { connectNats, createPublisher, ensureConsumer, startConsumer } from '@ledarsteg/messaging';
import { loadConfig } from '@ledarsteg/service-kit';
import { eventually, natsForTest, testDatabase } from '@ledarsteg/testing';
import { buildApp } from '../src/app.js';
import { AnalyserConfig } from '../src/config.js';

const logger = pino({ level: 'silent' });

t.test('a linked calendar creates the leader; settings are validated, stored and announced', async (t) => {
  const nats = await natsForTest(t);
  const db = await testDatabase(t, 'analyser');
  const config = loadConfig(AnalyserConfig, { NATS_URL: nats.url, MONGO_URL: db.url, NATS_PREFIX: nats.prefix, PORT: '0', LOG_LEVEL: 'silent' });
  const app = await buildApp({ config, deps: { logger } });
  await app.ready();
  t.teardown(() => app.close());

  const nc = await connectNats({ servers: nats.url, name: 'test', logger });
  t.teardown(() => nc.close());
  const publish = createPublisher(nc, { logger, prefix: nats.prefix });
  await publish(Subjects.connectionLinked, {
    userId: 'u1', connectionId: 'c1', provider: 'microsoft', accountEmail: 'anna@example.se', displayName: 'Anna',
    timeZone: 'Europe/Stockholm', workingHours: [{ weekday: 1, start: '07:30', end: '16:00' }], linkedAt: '2026-11-29T08:00:00Z',
  });
  const settings = await eventually(async () => {
    const res = await app.inject('/leaders/u1/settings');
    return res.statusCode === 200 ? res.json() : undefined;
  }, { what: 'the linked leader' });
  t.match(settings, { userId: 'u1', email: 'anna@example.se', timeZone: 'Europe/Stockholm', workingHours: [{ weekday: 1, start: '07:30', end: '16:00' }] });
  t.same(settings.ledartidGoal, { blocks: 2, blockMinutes: 90, preferredTime: 'any' }, 'the default goal is 2 × 90 minutes');

  const seen: unknown[] = [];
  const watch: ConsumerDefinition<'analysis.settings.changed.v1'> = {
    stream: Streams.analysis, durable: 'test-settings-watch', subject: Subjects.settingsChanged, ackWaitMs: 5_000, maxDeliver: 3, backoffMs: [100],
  };
  await ensureConsumer(nc, watch, { prefix: nats.prefix });
  const consumer = await startConsumer(nc, watch, async (env) => void seen.push(env.data), { logger, service: 'test', prefix: nats.prefix });
  t.teardown(() => consumer.stop());

  for (const bad of [
    { timeZone: 'Europe/Gothenburg' },
    { workingHours: [{ weekday: 8, start: '08:00', end: '17:00' }] },
    { workingHours: [{ weekday: 2, start: '17:00', end: '08:00' }] },
    { ledartidGoal: { blocks: 2, blockMinutes: 5, preferredTime: 'any' } },
    { optIns: { autoBook: 'yes' } },
    { locale: 'de' },
    { digestAt: { weekday: 0, time: '07:00' } },
    { digestAt: { weekday: 1, time: '7:00' } },
    { unknown: true },
    {},
    // Overlapping working windows on one day, and lunch outside working hours (checked against the stored hours).
    { workingHours: [{ weekday: 1, start: '08:00', end: '12:00' }, { weekday: 1, start: '11:00', end: '17:00' }] },
    { lunch: { start: '18:00', end: '19:00' } },
    { lunch: { start: '15:30', end: '16:30' } },
    { workingHours: [{ weekday: 1, start: '13:00', end: '17:00' }] },
    // Control and bidirectional-override characters in an id.
    { coachId: 'coach-\u202Eevil' },
    { coachId: 'coach-\u0007' },
    { coachId: 'coach-\u2066x' },
    { coachId: 'coach-\u200Fx' },
    { coachId: 'coach-\u0085x' },
  ]) {
    const res = await app.inject({ method: 'PUT', url: '/leaders/u1/settings', payload: bad });
    t.equal(res.statusCode, 400, `rejects ${JSON.stringify(bad)}`);
  }
  t.equal((await app.inject({ method: 'PUT', url: '/leaders/nobody/settings', payload: { timeZone: 'UTC' } })).statusCode, 404);
  const overridden = await app.inject({ method: 'GET', url: `/leaders/${encodeURIComponent('u1\u202E')}/settings` });
  t.equal(overridden.statusCode, 400, 'a bidirectional override in the id is refused');
  const overlap = await app.inject({
    method: 'PUT', url: '/leaders/u1/settings',
    payload: { workingHours: [{ weekday: 1, start: '08:00', end: '12:00' }, { weekday: 1, start: '11:00', end: '17:00' }] },
  });
  t.match(overlap.json(), { code: 'ANALYSER_ERR_INVALID_SETTINGS', message: /overlap/ }, 'says what makes no sense');
  const split = await app.inject({
    method: 'PUT', url: '/leaders/u1/settings',
    payload: { workingHours: [{ weekday: 1, start: '08:00', end: '11:30' }, { weekday: 1, start: '12:30', end: '16:00' }], lunch: { start: '11:30', end: '12:30' } },
  });
  t.equal(split.statusCode, 400, 'lunch between two windows lies outside working hours');

  const res = await app.inject({
    method: 'PUT', url: '/leaders/u1/settings',
    payload: { ledartidGoal: { blocks: 3, blockMinutes: 60, preferredTime: 'morning' }, optIns: { autoBook: true, shareWithCoach: true }, coachId: 'coach-1' },
  });
  t.equal(res.statusCode, 200);
  t.match(res.json(), { ledartidGoal: { blocks: 3 }, optIns: { autoBook: true, weeklyDigest: true, shareWithCoach: true }, coachId: 'coach-1' });
  await eventually(() => seen.length === 1, { what: 'settings.changed' });
  t.match(seen[0], { userId: 'u1', autoBook: true, shareWithCoach: true, coachId: 'coach-1', ledartidGoal: { blocks: 3, blockMinutes: 60 } });
  t.match(seen[0], { email: 'anna@example.se', locale: 'sv', weeklyDigest: true, digestAt: { weekday: 1, time: '07:00' } }, 'the digest comes Monday 07:00 unless chosen');

  const digest = await app.inject({ method: 'PUT', url: '/leaders/u1/settings', payload: { locale: 'en', digestAt: { weekday: 7, time: '18:30' } } });
  t.equal(digest.statusCode, 200);
  t.match(digest.json(), { locale: 'en', digestAt: { weekday: 7, time: '18:30' } });
  await eventually(() => seen.length === 2, { what: 'the second settings.changed' });
  t.match(seen[1], { locale: 'en', digestAt: { weekday: 7, time: '18:30' } }, 'the language and digest time travel with the settings');

  // A second link (e.g. a reconnect) refreshes identity but keeps the leader's own choices.
  await publish(Subjects.connectionLinked, {
    userId: 'u1', connectionId: 'c1', provider: 'microsoft', accountEmail: 'anna.l@example.se', timeZone: 'America/New_York', linkedAt: '2026-11-30T08:00:00Z',
  });
  const after = await eventually(async () => {
    const body = (await app.inject('/leaders/u1/settings')).json();
    return body.email === 'anna.l@example.se' ? body : undefined;
  });
  t.equal(after.timeZone, 'Europe/Stockholm');
  t.equal(after.ledartidGoal.blocks, 3);
});
