// Erasure across the whole system, the four services as shipped (dist/ with plain node), each on its own database.
// A leader is analysed, shared with a coach and emailed; disconnecting the calendar erases everything derived from it
// in every service (the account's settings stay), and deleting the account erases the rest and revokes the grant.
// Every collection of every service (as each declares them in src/collections.ts) is searched for the leader.
import { randomBytes } from 'node:crypto';
import { isoWeekOf } from '@ledarsteg/contracts';
import { startGoogleFake } from '@ledarsteg/provider-fakes';
import {
  collectionsIn,
  documentsIn,
  eventually,
  freePort,
  mentionsIn,
  natsForTest,
  type ServiceProcess,
  smtpSink,
  spawnService,
  testDatabase,
  waitForStatus,
} from '@ledarsteg/testing';
import { DateTime } from 'luxon';
import t from 'tap';
import { OWN_COLLECTIONS as ANALYSER } from '../../../services/analyser/src/collections.js';
import { OWN_COLLECTIONS as CALENDAR_SYNC } from '../../../services/calendar-sync/src/collections.js';
import { OWN_COLLECTIONS as COACH } from '../../../services/coach/src/collections.js';
import { OWN_COLLECTIONS as NOTIFIER } from '../../../services/notifier/src/collections.js';
import { connectLikeABrowser } from './fixtures/browser.js';
import { SERVICES, type Service, serviceEnv } from './fixtures/service-env.js';

const ZONE = 'Europe/Stockholm';
const LEADER = { email: 'karin@example.se', timeZone: ZONE };
const OWN: Record<Service, readonly string[]> = { 'calendar-sync': CALENDAR_SYNC, analyser: ANALYSER, notifier: NOTIFIER, coach: COACH };

t.setTimeout(400_000);

t.test('a disconnect and an account deletion erase what they should in every service, and the grant is revoked', async (t) => {
  const nats = await natsForTest(t);
  const smtp = smtpSink(await freePort());
  await smtp.start();
  t.teardown(() => smtp.stop());
  const ports = Object.fromEntries(await Promise.all(SERVICES.map(async (s) => [s, await freePort()] as const))) as Record<Service, number>;
  const url = (s: Service) => `http://127.0.0.1:${ports[s]}`;
  const dbs = Object.fromEntries(await Promise.all(SERVICES.map(async (s) => [s, await testDatabase(t, `erase_${s.replace('-', '_')}`)] as const)));
  const dbUrl = (s: Service) => dbs[s]!.url;

  const googleClient = { clientId: 'ledarsteg-erasure.apps.googleusercontent.com', clientSecret: randomBytes(16).toString('hex') };
  const google = await startGoogleFake({ accounts: [LEADER], clients: [{ ...googleClient, redirectUris: [`${url('calendar-sync')}/connect/google/callback`] }] });
  t.teardown(() => google.close());
  const nextWeek = isoWeekOf(DateTime.now().setZone(ZONE).plus({ weeks: 1 }).toJSDate(), ZONE);
  const monday = DateTime.fromISO(`${nextWeek}-1`, { zone: ZONE });
  google.insertEvent(LEADER.email, {
    summary: 'Ledningsgrupp',
    start: { dateTime: monday.set({ hour: 9 }).toISO() as string, timeZone: ZONE },
    end: { dateTime: monday.set({ hour: 10 }).toISO() as string, timeZone: ZONE },
    attendees: [{ email: LEADER.email, self: true, responseStatus: 'accepted' }, { email: 'kim@example.se', responseStatus: 'accepted' }],
  });

  const coachToken = randomBytes(24).toString('hex');
  const adminToken = randomBytes(24).toString('hex');
  const places = {
    natsUrl: nats.url, natsPrefix: nats.prefix, mongoUrl: (s: Service) => dbUrl(s), port: (s: Service) => ports[s],
    smtpPort: smtp.port, google, googleClient,
  };
  // The shared environment of each service, with what this test needs on top.
  const extra: Partial<Record<Service, Record<string, string>>> = {
    'calendar-sync': { ADMIN_TOKEN: adminToken },
    coach: { COACH_TOKENS: `coach-1:${coachToken}` },
  };
  const procs: ServiceProcess[] = SERVICES.map((s) => spawnService(s, { ...serviceEnv(s, places), LOG_LEVEL: 'warn', ...extra[s] }, { from: 'dist' }));
  t.teardown(async () => {
    for (const p of [...procs].reverse()) await p.stop('SIGTERM');
  });
  await Promise.all(
    SERVICES.map(async (s, i) => {
      const died = procs[i]!.exited.then((code) => {
        throw new Error(`${s} exited (${code}) before it was ready:\n${procs[i]!.output().slice(-3000)}`);
      });
      await Promise.race([waitForStatus(`${url(s)}/readyz`, 200, 120_000), died]);
    }),
  );

  const coachAuth = { authorization: `Bearer ${coachToken}` };
  const coachLists = async (userId: string) => {
    const res = await fetch(`${url('coach')}/coach/leaders`, { headers: coachAuth });
    const body = (await res.json()) as { leaders: { userId: string }[] };
    return body.leaders.some((l) => l.userId === userId);
  };
  const weekView = async (userId: string) => fetch(`${url('analyser')}/leaders/${userId}/weeks/${nextWeek}`);
  const grantsLive = () => google.grants(LEADER.email).filter((g) => !g.revoked).length;
  /** Every collection of every service that still mentions one of `needles`; each database holds only its own collections. */
  const mentions = async (needles: string[]) => {
    const found: string[] = [];
    for (const s of SERVICES) {
      const held = await collectionsIn(dbUrl(s));
      t.same(held.filter((c) => !OWN[s].includes(c)), [], `${s} holds only the collections it declares`);
      for (const m of await mentionsIn(dbUrl(s), OWN[s], needles)) found.push(`${s} ${m}`);
    }
    return found;
  };

  // 1. The leader connects, is analysed, shares with their coach, and is emailed about a broken grant.
  const link = await connectLikeABrowser(url('calendar-sync'), 'google');
  const { userId, connectionId } = link;
  await eventually(async () => (await weekView(userId)).status === 200, { what: 'the week analysed', timeoutMs: 120_000 });
  const put = await fetch(`${url('analyser')}/leaders/${userId}/settings`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ optIns: { shareWithCoach: true }, coachId: 'coach-1' }),
  });
  t.equal(put.status, 200, await put.clone().text());
  await eventually(() => coachLists(userId), { what: 'the coach to list the leader', timeoutMs: 120_000 });
  await eventually(async () => (await documentsIn(dbUrl('coach'), 'coach_week_summaries')).length > 0, { what: 'a week kept for the coach' });

  google.revokeGrants(LEADER.email);
  google.expireAccessTokens(LEADER.email);
  google.insertEvent(LEADER.email, {
    summary: 'Efter återkallat medgivande',
    start: { dateTime: monday.set({ hour: 13 }).toISO() as string, timeZone: ZONE },
    end: { dateTime: monday.set({ hour: 14 }).toISO() as string, timeZone: ZONE },
  });
  await eventually(() => smtp.received.find((m) => m.to.includes(LEADER.email)), { what: 'the reconnect email', timeoutMs: 120_000 });
  await eventually(async () => (await documentsIn(dbUrl('notifier'), 'notifier_deliveries')).some((d) => d['state'] === 'done'), { what: 'the email recorded' });
  const relinked = await connectLikeABrowser(url('calendar-sync'), 'google');
  t.equal(relinked.connectionId, connectionId, 'the leader reconnects the same calendar');
  t.equal(grantsLive(), 1, 'one live grant at Google');
  t.ok((await mentions([userId, connectionId, LEADER.email])).length > 0, 'the leader is known before');

  // 2. Disconnect: everything derived from the calendar goes; only the analyser keeps the account's settings.
  const del = await fetch(`${url('calendar-sync')}/connections/${connectionId}`, { method: 'DELETE', headers: { authorization: `Bearer ${adminToken}` } });
  t.equal(del.status, 200, await del.clone().text());
  t.match(await del.json(), { status: 'disconnected', revoked: 'revoked' });
  t.equal(grantsLive(), 0, 'the grant is revoked at Google');
  const afterDisconnect = await eventually(async () => {
    const found = await mentions([userId, connectionId, LEADER.email]);
    return found.every((m) => m.startsWith('analyser user_profiles:')) ? found : undefined;
  }, { what: 'every service to erase the calendar', timeoutMs: 120_000 });
  t.same(afterDisconnect, [`analyser user_profiles: ${LEADER.email}`, `analyser user_profiles: ${userId}`].sort(), 'only the settings remain');
  t.notOk(await coachLists(userId), 'the coach no longer lists the leader');
  t.equal((await weekView(userId)).status, 404, 'no week analysis left');
  t.equal((await fetch(`${url('analyser')}/leaders/${userId}/settings`)).status, 200, 'the account and its settings stay');
  const ledger = await documentsIn(dbUrl('notifier'), 'notifier_deliveries');
  t.ok(ledger.length > 0 && ledger.every((d) => String(d['key']).startsWith('erased:') && d['result'] === undefined), 'sent emails remain only as hashed keys');

  // 3. The leader comes back: the same leader, with the settings they kept (the coach sees them again).
  const back = await connectLikeABrowser(url('calendar-sync'), 'google');
  t.equal(back.userId, userId, 'the same leader');
  t.not(back.connectionId, connectionId, 'through a new connection');
  await eventually(async () => (await weekView(userId)).status === 200, { what: 'the week analysed again', timeoutMs: 120_000 });
  await eventually(() => coachLists(userId), { what: 'the coach to list the returning leader', timeoutMs: 120_000 });

  // 4. Account deletion: nothing of the leader is left anywhere, and the new grant is revoked too.
  const gone = await fetch(`${url('analyser')}/leaders/${userId}`, { method: 'DELETE' });
  t.equal(gone.status, 204);
  await eventually(() => grantsLive() === 0, { what: 'the grant revoked at Google', timeoutMs: 120_000 });
  const afterDeletion = await eventually(async () => {
    const found = await mentions([userId, connectionId, back.connectionId, LEADER.email]);
    return found.length === 0 ? found : undefined;
  }, { what: 'every service to erase the account', timeoutMs: 120_000 });
  t.same(afterDeletion, [], 'no collection of any service mentions the leader');
  t.notOk(await coachLists(userId), 'the coach does not list the leader');
  t.equal((await fetch(`${url('analyser')}/leaders/${userId}/settings`)).status, 404, 'no settings');
  t.equal((await fetch(`${url('analyser')}/leaders/${userId}`, { method: 'DELETE' })).status, 404, 'a second deletion finds nobody');
});
