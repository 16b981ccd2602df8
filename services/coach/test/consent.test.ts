import t from 'tap';
import { pino } from 'pino';
import { Consumers, type Payload, Subjects } from '@ledarsteg/contracts';
import { connectNats, createPublisher } from '@ledarsteg/messaging';
import { ConfigError, loadConfig } from '@ledarsteg/service-kit';
import { connectMongo } from '@ledarsteg/store';
import { eventually, expectOwnCollections, natsForTest, testDatabase, consumerIdle } from '@ledarsteg/testing';
import { buildApp } from '../src/app.js';
import { OWN_COLLECTIONS } from '../src/collections.js';
import { CoachConfig } from '../src/config.js';
import { weekSummaryModel } from '../src/week-summary-model.js';

const logger = pino({ level: 'silent' });
const TOKEN_A = 'a'.repeat(20) + 'Token-A1';
const TOKEN_B = 'b'.repeat(20) + 'Token-B1';
const asA = { authorization: `Bearer ${TOKEN_A}` };
const asB = { authorization: `Bearer ${TOKEN_B}` };

let clock = Date.parse('2026-11-01T08:00:00Z');
function nextChange(): string {
  // Each change is later than the last, as the leader makes them.
  clock += 60_000;
  return new Date(clock).toISOString();
}
const settings = (userId: string, share: boolean, coachId?: string): Payload<'analysis.settings.changed.v1'> => ({
  userId, timeZone: 'Europe/Stockholm', workingHours: [{ weekday: 1, start: '08:00', end: '17:00' }],
  ledartidGoal: { blocks: 3, blockMinutes: 60, preferredTime: 'morning' }, autoBook: false, shareWithCoach: share,
  ...(coachId ? { coachId } : {}), displayName: `Leader ${userId}`,
  changedAt: nextChange(),
});
const week = (userId: string, w: string, keptMinutes = 120): Payload<'analysis.week.completed.v1'> => ({
  userId, week: w, timeZone: 'Europe/Stockholm', meetingMinutes: 900, meetingCount: 14, focusMinutes: 300, flaggedMeetings: 2,
  ledartid: { bookedMinutes: 180, keptMinutes, overwrittenMinutes: 180 - keptMinutes }, firefightingIndex: 35, analysedAt: '2026-11-30T06:00:00Z',
  // What the leader's own digest needs: never the coach's.
  titles: { m1: 'Lönesamtal med Kim' }, days: [{ date: '2026-11-23', meetingMinutes: 180 }],
});

t.test('config explains the COACH_TOKENS format', async (t) => {
  for (const bad of [undefined, 'coach-1', 'coach-1:short', 'coach-1:' + 'x'.repeat(30) + ',', ':' + 'x'.repeat(30)]) {
    const err = t.throws(() => loadConfig(CoachConfig, { MONGO_URL: 'mongodb://x/db', COACH_TOKENS: bad })) as ConfigError;
    t.ok(err instanceof ConfigError);
    t.match(err.message, /COACH_TOKENS is (missing|invalid).*coachId:token pairs/, `explains ${String(bad).slice(0, 12)}`);
    t.notMatch(err.message, 'x'.repeat(30), 'never echoes a token');
  }
  const ok = loadConfig(CoachConfig, { MONGO_URL: 'mongodb://x/db', COACH_TOKENS: `coach-a:${TOKEN_A},coach-b:${TOKEN_B}` });
  t.equal(ok.PORT, 3004);
  await t.rejects(buildApp({ config: { ...ok, COACH_TOKENS: `coach-a:${TOKEN_A},coach-b:${TOKEN_A}` }, deps: { logger } }), {
    code: 'COACH_ERR_INVALID_TOKENS',
  }, 'one token cannot name two coaches');
});

t.test('coaches see only what their leaders share, and lose it when sharing stops', async (t) => {
  const nats = await natsForTest(t);
  const db = await testDatabase(t, 'coach');
  const config = loadConfig(CoachConfig, {
    NATS_URL: nats.url, MONGO_URL: db.url, NATS_PREFIX: nats.prefix, PORT: '0', LOG_LEVEL: 'silent',
    COACH_TOKENS: `coach-a:${TOKEN_A},coach-b:${TOKEN_B}`,
  });
  const app = await buildApp({ config, deps: { logger } });
  await app.ready();
  t.teardown(() => app.close());
  expectOwnCollections(t, db.url, 'coach', OWN_COLLECTIONS);
  const nc = await connectNats({ servers: nats.url, name: 'test', logger });
  t.teardown(() => nc.close());
  const publish = createPublisher(nc, { logger, prefix: nats.prefix });
  const conn = await connectMongo(db.url);
  t.teardown(() => conn.close());
  const stored = weekSummaryModel(conn);
  const weeksAs = async (headers: Record<string, string>, userId: string, query = '') =>
    app.inject({ url: `/coach/leaders/${userId}/weeks${query}`, headers });

  t.test('bad tokens get 401 with a code', async (t) => {
    for (const headers of [{}, { authorization: TOKEN_A }, { authorization: `Basic ${TOKEN_A}` }, { authorization: `Bearer ${TOKEN_A}x` },
      { authorization: `Bearer ${TOKEN_A.slice(0, -1)}B` }, { authorization: 'Bearer ' }]) {
      const res = await app.inject({ url: '/coach/leaders', headers });
      t.equal(res.statusCode, 401, JSON.stringify(headers));
      t.equal(res.json().code, 'COACH_ERR_UNAUTHORIZED');
      t.match(res.headers['www-authenticate'], /^Bearer/);
    }
    t.equal((await app.inject({ url: '/coach/leaders/u1/weeks' })).statusCode, 401, 'every /coach route is guarded');
    t.equal((await app.inject({ url: '/coach/leaders', headers: asA })).statusCode, 200);
  });

  // u1 shares with coach A; u2 has never shared; u3 said no.
  await publish(Subjects.settingsChanged, settings('u1', true, 'coach-a'));
  await publish(Subjects.settingsChanged, settings('u3', false, 'coach-a'));
  await eventually(async () => (await app.inject({ url: '/coach/leaders', headers: asA })).json().leaders.length === 1, { what: 'u1 consent' });
  await publish(Subjects.weekCompleted, week('u1', '2026-W47', 100));
  await publish(Subjects.weekCompleted, week('u1', '2026-W48', 150));
  await publish(Subjects.weekCompleted, week('u2', '2026-W48'));
  const last = await publish(Subjects.weekCompleted, week('u3', '2026-W48'));
  await consumerIdle(nc, Consumers.coach.weekCompleted, nats.prefix, last.seq);

  t.test('the consenting leader is visible to their coach', async (t) => {
    const { leaders } = (await app.inject({ url: '/coach/leaders', headers: asA })).json();
    t.equal(leaders.length, 1);
    t.match(leaders[0], { userId: 'u1', displayName: 'Leader u1', goal: { blocks: 3, blockMinutes: 60 }, latestWeek: { week: '2026-W48', ledartid: { keptMinutes: 150 } } });
    const res = await weeksAs(asA, 'u1');
    t.equal(res.statusCode, 200);
    t.notMatch(res.body, 'Lönesamtal', 'no meeting title reaches the coach');
    t.notOk(await stored.findOne({ userId: 'u1', titles: { $exists: true } }), 'nor is one stored');
    t.same(res.json().weeks.map((w: { week: string }) => w.week), ['2026-W47', '2026-W48']);
    t.same((await weeksAs(asA, 'u1', '?from=2026-W48&to=2026-W52')).json().weeks.map((w: { week: string }) => w.week), ['2026-W48']);
    t.same((await weeksAs(asA, 'u1', '?to=2026-W47')).json().weeks.map((w: { week: string }) => w.week), ['2026-W47']);
    t.equal((await weeksAs(asA, 'u1', '?from=2026-W49&to=2026-W40')).statusCode, 400, 'a backwards range is refused');
    t.equal((await weeksAs(asA, 'u1', '?from=2026-W60')).statusCode, 400, 'weeks are validated');
  });

  t.test('another coach, and leaders who do not share, do not exist', async (t) => {
    t.same((await app.inject({ url: '/coach/leaders', headers: asB })).json().leaders, []);
    const other = await weeksAs(asB, 'u1');
    t.equal(other.statusCode, 404);
    t.equal(other.json().code, 'COACH_ERR_LEADER_NOT_FOUND');
    t.equal((await weeksAs(asA, 'u3')).statusCode, 404, 'a leader who said no');
    t.equal((await weeksAs(asA, 'nobody')).statusCode, 404, 'a leader who does not exist answers the same');
    t.equal(await stored.countDocuments({ userId: { $in: ['u2', 'u3'] } }), 0, 'weeks of non-sharing leaders were never stored');
  });

  t.test('withdrawing consent deletes the data, and a late older message cannot bring it back', async (t) => {
    const stale = settings('u1', true, 'coach-a');
    const withdrawn = await publish(Subjects.settingsChanged, settings('u1', false));
    await eventually(async () => (await weeksAs(asA, 'u1')).statusCode === 404, { what: 'access withdrawn' });
    // Access ends when the consent is written; the weeks are purged after it: wait until the message is fully handled.
    await consumerIdle(nc, Consumers.coach.settingsChanged, nats.prefix, withdrawn.seq);
    t.equal(await stored.countDocuments({ userId: 'u1' }), 0, 'the stored weeks are gone, not hidden');
    t.same((await app.inject({ url: '/coach/leaders', headers: asA })).json().leaders, []);

    const late = await publish(Subjects.settingsChanged, stale);
    await consumerIdle(nc, Consumers.coach.settingsChanged, nats.prefix, late.seq);
    const w = await publish(Subjects.weekCompleted, week('u1', '2026-W49'));
    await consumerIdle(nc, Consumers.coach.weekCompleted, nats.prefix, w.seq);
    t.equal((await weeksAs(asA, 'u1')).statusCode, 404, 'the older grant was ignored');
    t.equal(await stored.countDocuments({ userId: 'u1' }), 0);
  });

  t.test('switching coach moves access and deletes what the old coach had', async (t) => {
    await publish(Subjects.settingsChanged, settings('u4', true, 'coach-a'));
    await eventually(async () => (await weeksAs(asA, 'u4')).statusCode === 200, { what: 'u4 shares with A' });
    await publish(Subjects.weekCompleted, week('u4', '2026-W48'));
    await eventually(async () => (await weeksAs(asA, 'u4')).json().weeks?.length === 1, { what: 'u4 week for A' });

    const switched = await publish(Subjects.settingsChanged, settings('u4', true, 'coach-b'));
    await eventually(async () => (await weeksAs(asB, 'u4')).statusCode === 200, { what: 'u4 shares with B' });
    // B's access starts when the consent is written; A's copies are purged after it.
    await consumerIdle(nc, Consumers.coach.settingsChanged, nats.prefix, switched.seq);
    t.equal((await weeksAs(asA, 'u4')).statusCode, 404, 'the old coach lost access');
    t.same((await weeksAs(asB, 'u4')).json().weeks, [], 'the new coach does not inherit the old copies');
    t.equal(await stored.countDocuments({ userId: 'u4' }), 0);

    await publish(Subjects.weekCompleted, week('u4', '2026-W49'));
    await eventually(async () => (await weeksAs(asB, 'u4')).json().weeks?.length === 1, { what: 'u4 week for B' });
    t.match((await app.inject({ url: '/coach/leaders', headers: asB })).json().leaders, [{ userId: 'u4', latestWeek: { week: '2026-W49' } }]);
  });
});
