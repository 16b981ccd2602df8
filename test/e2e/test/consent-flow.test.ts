// Across services, as a client sees it: linked → analyser profile → settings → coach sees only what was shared.
import t from 'tap';
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { Consumers, Subjects } from '@ledarsteg/contracts';
import { connectNats, createPublisher } from '@ledarsteg/messaging';
import { consumerIdle, eventually, freePort, natsForTest, spawnService, testDatabase, waitForStatus } from '@ledarsteg/testing';

t.test('a leader who shares is visible to their coach, and only then', async (t) => {
  const nats = await natsForTest(t);
  // Each service its own database, as in production.
  const analyserDb = await testDatabase(t, 'e2e_analyser');
  const coachDb = await testDatabase(t, 'e2e_coach');
  const token = randomBytes(24).toString('hex');
  const common = { NATS_URL: nats.url, NATS_PREFIX: nats.prefix, HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  const analyserPort = await freePort();
  const coachPort = await freePort();
  const analyser = spawnService('analyser', { ...common, MONGO_URL: analyserDb.url, PORT: String(analyserPort) });
  const coach = spawnService('coach', { ...common, MONGO_URL: coachDb.url, PORT: String(coachPort), COACH_TOKENS: `coach-1:${token}` });
  t.teardown(() => Promise.all([analyser.stop(), coach.stop()]));
  const analyserUrl = `http://127.0.0.1:${analyserPort}`;
  const coachUrl = `http://127.0.0.1:${coachPort}`;
  await Promise.all([waitForStatus(`${analyserUrl}/readyz`), waitForStatus(`${coachUrl}/readyz`)]);

  const nc = await connectNats({ servers: nats.url, name: 'e2e-client', logger: pino({ level: 'silent' }) });
  t.teardown(() => nc.close());
  const publish = createPublisher(nc, { logger: pino({ level: 'silent' }), prefix: nats.prefix });
  await publish(Subjects.connectionLinked, {
    userId: 'leader-1', connectionId: 'conn-1', provider: 'google', accountEmail: 'karin@example.se', displayName: 'Karin',
    timeZone: 'Europe/Stockholm', linkedAt: '2026-11-29T08:00:00Z',
  });
  await eventually(async () => (await fetch(`${analyserUrl}/leaders/leader-1/settings`)).status === 200, { what: 'the analyser to create the leader' });

  const week = (w: string) => ({
    userId: 'leader-1', week: w, timeZone: 'Europe/Stockholm', meetingMinutes: 1260, meetingCount: 24, focusMinutes: 300,
    flaggedMeetings: 5, ledartid: { bookedMinutes: 180, keptMinutes: 90, overwrittenMinutes: 90 }, firefightingIndex: 42,
    analysedAt: '2026-11-29T09:00:00Z',
  });
  const auth = { authorization: `Bearer ${token}` };
  const beforeConsent = await publish(Subjects.weekCompleted, week('2026-W47'));
  // The coach reads weeks and settings on separate consumers: let it handle this week before the consent exists,
  // or it may see the consent first and keep the week.
  await consumerIdle(nc, Consumers.coach.weekCompleted, nats.prefix, beforeConsent.seq);

  const shared = await fetch(`${analyserUrl}/leaders/leader-1/settings`, {
    method: 'PUT', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ optIns: { shareWithCoach: true }, coachId: 'coach-1' }),
  });
  t.equal(shared.status, 200);
  const leaders = await eventually(async () => {
    const body = (await (await fetch(`${coachUrl}/coach/leaders`, { headers: auth })).json()) as { leaders?: { userId: string }[] };
    return body.leaders?.length === 1 ? body.leaders : undefined;
  }, { what: 'the coach to learn of the consent' });
  t.match(leaders[0], { userId: 'leader-1', displayName: 'Karin' });

  await publish(Subjects.weekCompleted, week('2026-W48'));
  const weeks = await eventually(async () => {
    const body = (await (await fetch(`${coachUrl}/coach/leaders/leader-1/weeks`, { headers: auth })).json()) as { weeks?: { week: string }[] };
    return body.weeks?.some((w) => w.week === '2026-W48') ? body.weeks : undefined;
  }, { what: 'the shared week' });
  // The change of settings also had the current weeks analysed again: those are shared too, being after the consent.
  t.notOk(weeks.some((w: { week: string }) => w.week === '2026-W47'), 'only weeks after consent; the one before was never stored');

  const withdrawn = await fetch(`${analyserUrl}/leaders/leader-1/settings`, {
    method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ optIns: { shareWithCoach: false } }),
  });
  t.equal(withdrawn.status, 200);
  await eventually(async () => (await fetch(`${coachUrl}/coach/leaders/leader-1/weeks`, { headers: auth })).status === 404, { what: 'withdrawal' });
  t.equal((await fetch(`${coachUrl}/coach/leaders`)).status, 401, 'no token, no data');
});
