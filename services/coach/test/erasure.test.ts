// The coach forgets a leader with no calendar left or no account: no consent, no weeks, not listed; a late message from
// before the erasure grants nothing, while a choice made afterwards (the leader came back) counts.
import t from 'tap';
import { pino } from 'pino';
import { Consumers, type Payload, Subjects } from '@ledarsteg/contracts';
import { connectNats, createPublisher } from '@ledarsteg/messaging';
import { loadConfig } from '@ledarsteg/service-kit';
import { consumerIdle, eventually, expectOwnCollections, mentionsIn, natsForTest, testDatabase } from '@ledarsteg/testing';
import { buildApp } from '../src/app.js';
import { OWN_COLLECTIONS } from '../src/collections.js';
import { CoachConfig } from '../src/config.js';

const logger = pino({ level: 'silent' });
const TOKEN = 'c'.repeat(20) + 'Token-C1';
const auth = { authorization: `Bearer ${TOKEN}` };
const USER = 'leader-coached';
const at = (minutes: number) => new Date(Date.parse('2026-12-01T08:00:00Z') + minutes * 60_000).toISOString();

const settings = (changedAt: string): Payload<'analysis.settings.changed.v1'> => ({
  userId: USER, timeZone: 'Europe/Stockholm', workingHours: [{ weekday: 1, start: '08:00', end: '17:00' }],
  ledartidGoal: { blocks: 2, blockMinutes: 90, preferredTime: 'any' }, autoBook: false, shareWithCoach: true, coachId: 'coach-c',
  displayName: 'Anna', changedAt,
});
const week = (w: string, analysedAt: string): Payload<'analysis.week.completed.v1'> => ({
  userId: USER, week: w, timeZone: 'Europe/Stockholm', meetingMinutes: 600, meetingCount: 10, focusMinutes: 300, flaggedMeetings: 1,
  ledartid: { bookedMinutes: 90, keptMinutes: 90, overwrittenMinutes: 0 }, firefightingIndex: 20, analysedAt,
});

t.test('disconnecting the last calendar and deleting the account erase the consent and the weeks', async (t) => {
  const nats = await natsForTest(t);
  const db = await testDatabase(t, 'coach_erasure');
  const config = loadConfig(CoachConfig, { NATS_URL: nats.url, MONGO_URL: db.url, NATS_PREFIX: nats.prefix, PORT: '0', LOG_LEVEL: 'silent', COACH_TOKENS: `coach-c:${TOKEN}` });
  const app = await buildApp({ config, deps: { logger } });
  await app.ready();
  t.teardown(() => app.close());
  expectOwnCollections(t, db.url, 'coach', OWN_COLLECTIONS);
  const nc = await connectNats({ servers: nats.url, name: 'test', logger });
  t.teardown(() => nc.close());
  const publish = createPublisher(nc, { logger, prefix: nats.prefix });
  const listed = async () => ((await app.inject({ url: '/coach/leaders', headers: auth })).json().leaders as { userId: string }[]).some((l) => l.userId === USER);
  const weeks = async () => (await app.inject({ url: `/coach/leaders/${USER}/weeks`, headers: auth })).json().weeks?.length ?? 0;

  await publish(Subjects.settingsChanged, settings(at(0)));
  await eventually(listed, { what: 'the consent' });
  await publish(Subjects.weekCompleted, week('2026-W49', at(1)));
  await eventually(async () => (await weeks()) === 1, { what: 'the week kept for the coach' });

  // Another calendar remains: nothing changes here (the analyser announces the weeks again without this one).
  const one = await publish(Subjects.connectionDisconnected, { userId: USER, connectionId: 'conn-1', provider: 'google', remainingConnections: 1, disconnectedAt: at(2) });
  await consumerIdle(nc, Consumers.coach.connectionDisconnected, nats.prefix, one.seq);
  t.ok(await listed(), 'still listed while a calendar remains');

  const last = await publish(Subjects.connectionDisconnected, { userId: USER, connectionId: 'conn-2', provider: 'google', remainingConnections: 0, disconnectedAt: at(3) });
  await consumerIdle(nc, Consumers.coach.connectionDisconnected, nats.prefix, last.seq);
  t.notOk(await listed(), 'the coach no longer lists the leader');
  t.same(await mentionsIn(db.url, OWN_COLLECTIONS, [USER, 'Anna']), [], 'no consent, no weeks, no name');

  // Late messages from before the erasure grant nothing.
  const lateSettings = await publish(Subjects.settingsChanged, settings(at(2)));
  const lateWeek = await publish(Subjects.weekCompleted, week('2026-W49', at(2)));
  await consumerIdle(nc, Consumers.coach.settingsChanged, nats.prefix, lateSettings.seq);
  await consumerIdle(nc, Consumers.coach.weekCompleted, nats.prefix, lateWeek.seq);
  t.notOk(await listed(), 'a late consent does not bring the leader back');
  t.same(await mentionsIn(db.url, OWN_COLLECTIONS, [USER]), []);

  // The leader connects again and their settings are announced anew: shared once more.
  await publish(Subjects.settingsChanged, settings(at(10)));
  await eventually(listed, { what: 'the returning leader listed again' });

  const deleted = await publish(Subjects.accountDeleted, { userId: USER, deletedAt: at(11) });
  await consumerIdle(nc, Consumers.coach.accountDeleted, nats.prefix, deleted.seq);
  t.notOk(await listed(), 'a deleted account is not listed');
  t.same(await mentionsIn(db.url, OWN_COLLECTIONS, [USER, 'Anna']), [], 'and nothing of it is kept');
});
