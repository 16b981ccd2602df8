// The whole system as it ships: the four services built into dist/ and run with plain node, each on its own database,
// with NATS, an SMTP server and the Google fake. A leader connects, is analysed, gets ledartid written into the
// provider's own calendar, is seen by their coach without meeting titles, gets the weekly digest and stops it with one
// click, and is emailed when the grant is revoked.
import { randomBytes } from 'node:crypto';
import { isoWeekOf } from '@ledarsteg/contracts';
import { startGoogleFake } from '@ledarsteg/provider-fakes';
import {
  bodyText,
  collectionsIn,
  eventually,
  freePort,
  natsForTest,
  type ServiceProcess,
  smtpSink,
  spawnService,
  testDatabase,
  waitForStatus,
} from '@ledarsteg/testing';
import { DateTime } from 'luxon';
import t from 'tap';
import { connectLikeABrowser } from './fixtures/browser.js';
import { SERVICES, type Service, serviceEnv } from './fixtures/service-env.js';

const ZONE = 'Europe/Stockholm';
const LEADER = { email: 'karin@example.se', timeZone: ZONE };

t.setTimeout(300_000);

t.test('connect, sync, analyse, book ledartid at the provider, coach sees numbers only, the weekly digest, reconnect email on a revoked grant', async (t) => {
  const nats = await natsForTest(t);
  const smtp = smtpSink(await freePort());
  await smtp.start();
  t.teardown(() => smtp.stop());
  const ports = Object.fromEntries(await Promise.all(SERVICES.map(async (s) => [s, await freePort()] as const))) as Record<Service, number>;
  const url = (s: Service) => `http://127.0.0.1:${ports[s]}`;
  // One database per service, as in production.
  const dbs = Object.fromEntries(await Promise.all(SERVICES.map(async (s) => [s, await testDatabase(t, `e2e_${s.replace('-', '_')}`)] as const)));

  const googleClient = { clientId: 'ledarsteg-e2e.apps.googleusercontent.com', clientSecret: randomBytes(16).toString('hex') };
  const google = await startGoogleFake({ accounts: [LEADER], clients: [{ ...googleClient, redirectUris: [`${url('calendar-sync')}/connect/google/callback`] }] });
  t.teardown(() => google.close());

  // Next week, Monday 09–10: a leadership meeting with a colleague.
  const nextWeek = isoWeekOf(DateTime.now().setZone(ZONE).plus({ weeks: 1 }).toJSDate(), ZONE);
  const monday = DateTime.fromISO(`${nextWeek}-1`, { zone: ZONE });
  google.insertEvent(LEADER.email, {
    summary: 'Ledningsgrupp',
    start: { dateTime: monday.set({ hour: 9 }).toISO() as string, timeZone: ZONE },
    end: { dateTime: monday.set({ hour: 10 }).toISO() as string, timeZone: ZONE },
    attendees: [{ email: LEADER.email, self: true, responseStatus: 'accepted' }, { email: 'kim@example.se', responseStatus: 'accepted' }],
  });

  // This week too has a meeting, so whichever week the digest covers (this one on a Monday, else the next) is analysed.
  const thisMonday = DateTime.now().setZone(ZONE).startOf('week');
  google.insertEvent(LEADER.email, {
    summary: 'Veckostart',
    start: { dateTime: thisMonday.set({ hour: 8 }).toISO() as string, timeZone: ZONE },
    end: { dateTime: thisMonday.set({ hour: 9 }).toISO() as string, timeZone: ZONE },
    attendees: [{ email: LEADER.email, self: true, responseStatus: 'accepted' }, { email: 'kim@example.se', responseStatus: 'accepted' }],
  });

  const coachToken = randomBytes(24).toString('hex');
  const places = {
    natsUrl: nats.url, natsPrefix: nats.prefix, mongoUrl: (s: Service) => dbs[s]!.url, port: (s: Service) => ports[s],
    smtpPort: smtp.port, google, googleClient,
  };
  // The shared environment of each service, with what this test needs on top.
  const extra: Partial<Record<Service, Record<string, string>>> = {
    notifier: { LINK_BASE_URL: url('notifier'), DIGEST_POLL_SECONDS: '1' },
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
  t.pass('the four services run from dist/ and are ready');

  // The leader connects through OAuth, as a browser would.
  const link = await connectLikeABrowser(url('calendar-sync'), 'google');
  t.equal(link.email, LEADER.email);
  const { userId } = link;

  const analysed = await eventually(async () => {
    const res = await fetch(`${url('analyser')}/leaders/${userId}/weeks/${nextWeek}`);
    return res.status === 200 ? ((await res.json()) as WeekView) : undefined;
  }, { what: 'the synced week analysed', timeoutMs: 120_000 });
  t.match(analysed.metrics, { meetingMinutes: 60, meetingCount: 1, ledartid: { bookedMinutes: 0 } });

  // The leader opts in to automatic booking and shares with their coach.
  const put = await fetch(`${url('analyser')}/leaders/${userId}/settings`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ optIns: { autoBook: true, shareWithCoach: true }, coachId: 'coach-1' }),
  });
  t.equal(put.status, 200, await put.clone().text());

  // Ledartid lands in the provider's own calendar, tagged as ours; read back from the fake, not from LedarSteg.
  const blocks = await eventually(() => {
    const found = google.storedEvents(LEADER.email).filter((e) => e.status !== 'cancelled' && e.extendedProperties?.private?.['ledarstegBlockId']);
    return found.length === 2 ? found : undefined;
  }, { what: 'two ledartid blocks at Google', timeoutMs: 120_000 });
  for (const b of blocks) {
    t.equal(b.summary, 'Ledartid');
    t.equal(isoWeekOf(String(b.start?.dateTime), ZONE), nextWeek, 'in next week');
  }
  const counted = await eventually(async () => {
    const view = (await (await fetch(`${url('analyser')}/leaders/${userId}/weeks/${nextWeek}`)).json()) as WeekView;
    // Booked once both writes are confirmed; kept once both blocks came back through the sync into the projection.
    return view.metrics.ledartid.bookedMinutes === 180 && view.metrics.ledartid.keptMinutes === 180 ? view : undefined;
  }, { what: 'the analysis counting the written blocks (synced back through calendar-sync)', timeoutMs: 120_000 });
  t.match(counted.metrics.ledartid, { bookedMinutes: 180, keptMinutes: 180 });
  t.equal(counted.metrics.meetingMinutes, 60, 'the blocks are not meetings');

  // The coach sees the consented numbers, and no meeting titles.
  const auth = { authorization: `Bearer ${coachToken}` };
  const coachView = await eventually(async () => {
    const res = await fetch(`${url('coach')}/coach/leaders/${userId}/weeks`, { headers: auth });
    if (res.status !== 200) return undefined;
    const text = await res.text();
    const body = JSON.parse(text) as { weeks: { week: string; meetingMinutes: number; ledartid: { bookedMinutes: number } }[] };
    const week = body.weeks.find((w) => w.week === nextWeek && w.ledartid.bookedMinutes === 180);
    return week ? { week, text } : undefined;
  }, { what: 'the coach to see the week', timeoutMs: 120_000 });
  t.match(coachView.week, { meetingMinutes: 60, meetingCount: 1, ledartid: { bookedMinutes: 180 } });
  t.notMatch(coachView.text, 'Ledningsgrupp', 'no meeting title reaches the coach');
  t.notMatch(coachView.text, '"title"');
  t.equal((await fetch(`${url('coach')}/coach/leaders/${userId}/weeks`)).status, 401, 'no token, no data');

  // The weekly digest, moved to two minutes from now: it arrives, and its one-click unsubscribe reaches the analyser.
  // The next minute, or the one after when this one is nearly over: the settings must reach the notifier before it.
  const now = DateTime.now().setZone(ZONE);
  const digestAt = now.plus({ minutes: now.second < 40 ? 1 : 2 }).startOf('minute');
  const moved = await fetch(`${url('analyser')}/leaders/${userId}/settings`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ digestAt: { weekday: digestAt.weekday, time: digestAt.toFormat('HH:mm') } }),
  });
  t.equal(moved.status, 200, await moved.clone().text());
  const digestWeek = digestAt.weekday === 1 ? isoWeekOf(digestAt.toJSDate(), ZONE) : nextWeek;
  const digest = await eventually(() => smtp.received.find((m) => m.to.includes(LEADER.email) && /^List-Unsubscribe-Post:/im.test(m.raw)), {
    what: 'the weekly digest',
    timeoutMs: 240_000,
  });
  const headers = digest.raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, '');
  t.match(headers, new RegExp(`^Subject: .*(Vecka|vecka)[ _]${Number(digestWeek.slice(6))}\\b`, 'm'), `the digest of ${digestWeek}`);
  const unsubscribe = /^List-Unsubscribe:\s*<([^>]+)>/im.exec(headers)?.[1];
  t.ok(unsubscribe?.startsWith(`${url('notifier')}/l/unsubscribe?t=`), 'a one-click unsubscribe link');
  const deliveries = (await (await fetch(`${url('notifier')}/recipients/${userId}/deliveries`)).json()) as { deliveries: { kind: string; week?: string }[] };
  t.match(deliveries.deliveries, [{ kind: 'digest', week: digestWeek }]);
  const oneClick = await fetch(unsubscribe!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
  t.equal(oneClick.status, 200);
  await eventually(async () => {
    const settings = (await (await fetch(`${url('analyser')}/leaders/${userId}/settings`)).json()) as { optIns: { weeklyDigest: boolean } };
    return settings.optIns.weeklyDigest === false;
  }, { what: 'the analyser to have the digest turned off', timeoutMs: 60_000 });

  // The grant is revoked at Google; the next change notified makes calendar-sync find out, and the leader gets an email.
  google.revokeGrants(LEADER.email);
  google.expireAccessTokens(LEADER.email);
  google.insertEvent(LEADER.email, {
    summary: 'Efter återkallat medgivande',
    start: { dateTime: monday.set({ hour: 13 }).toISO() as string, timeZone: ZONE },
    end: { dateTime: monday.set({ hour: 14 }).toISO() as string, timeZone: ZONE },
  });
  const mail = await eventually(() => smtp.received.find((m) => m.to.includes(LEADER.email) && !/^List-Unsubscribe-Post:/im.test(m.raw)), {
    what: 'the reconnect email',
    timeoutMs: 120_000,
  });
  const body = bodyText(mail.raw);
  t.match(body, `${url('calendar-sync')}/connect/google`, 'with the link to connect again');
  t.match(body, /Google Kalender/);

  // Each service's database holds only its own collections: no collection is shared between them.
  const held = Object.fromEntries(await Promise.all(SERVICES.map(async (s) => [s, await collectionsIn(dbs[s]!.url)] as const))) as Record<Service, string[]>;
  t.ok(held['calendar-sync'].includes('calendar_events'), 'the synced copy lives with calendar-sync');
  t.ok(held.analyser.includes('analyser_calendar_events'), 'the analyser keeps its own projection');
  for (const s of SERVICES) {
    t.ok(held[s].length > 0, `${s} has its collections`);
    for (const other of SERVICES.filter((o) => o !== s)) {
      const shared = held[s].filter((c) => held[other].includes(c));
      t.same(shared, [], `${s} and ${other} share no collection`);
    }
  }
  t.notOk(held.analyser.includes('calendar_events'), "the analyser never opens calendar-sync's copy");
});

interface WeekView {
  metrics: { meetingMinutes: number; meetingCount: number; ledartid: { bookedMinutes: number; keptMinutes: number } };
}
