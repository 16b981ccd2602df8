// Shutdown at any moment: the four services, run from dist/, get SIGTERM while calendar-sync is in the middle of a
// first sync of a large calendar (between its pages) and the analyser is taking in its pages. Each exits 0 well within the bound; started
// again, they finish the sync from where it stopped and no event is lost.
import { randomBytes } from 'node:crypto';
import { Streams, Subjects } from '@ledarsteg/contracts';
import { connectNats } from '@ledarsteg/messaging';
import { startGoogleFake } from '@ledarsteg/provider-fakes';
import { eventually, freePort, natsForTest, type ServiceProcess, smtpSink, spawnService, testDatabase, waitForStatus } from '@ledarsteg/testing';
import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { DateTime } from 'luxon';
import { pino } from 'pino';
import t from 'tap';
import { connectLikeABrowser } from './fixtures/browser.js';
import { SERVICES, type Service, serviceEnv } from './fixtures/service-env.js';

t.setTimeout(400_000);

const LEADER = { email: 'stina@example.se', timeZone: 'Europe/Stockholm' };
/** Four pages of 2,500 at Google, each held back a little below, so the signal lands between pages. */
const EVENTS = 10_000;
/** Each page answer is held this long: the sync outlasts the 2 s a stopping consumer waits before aborting it. */
const PAGE_DELAY_MS = 700;
/** The promise is 5 s; the ceiling only keeps a hung process from hanging the run (it is then killed: exit SIGKILL). */
const CEILING_MS = 15_000;

t.test('SIGTERM during a first sync: every service exits 0 promptly; after a restart the sync completes with nothing lost', async (t) => {
  const nats = await natsForTest(t);
  const smtp = smtpSink(await freePort());
  await smtp.start();
  t.teardown(() => smtp.stop());
  const ports = Object.fromEntries(await Promise.all(SERVICES.map(async (s) => [s, await freePort()] as const))) as Record<Service, number>;
  const url = (s: Service) => `http://127.0.0.1:${ports[s]}`;
  const dbs = Object.fromEntries(await Promise.all(SERVICES.map(async (s) => [s, await testDatabase(t, `stop_${s.replace('-', '_')}`)] as const)));
  const googleClient = { clientId: 'ledarsteg-e2e.apps.googleusercontent.com', clientSecret: randomBytes(16).toString('hex') };
  const google = await startGoogleFake({ accounts: [LEADER], clients: [{ ...googleClient, redirectUris: [`${url('calendar-sync')}/connect/google/callback`] }] });
  t.teardown(() => google.close());
  // Spread over eleven weeks well inside the sync window (from six weeks back), so every one of them is synced.
  const first = DateTime.utc().startOf('hour').minus({ weeks: 6 });
  for (let i = 0; i < EVENTS; i++) {
    const at = first.plus({ minutes: Math.floor((i * 11 * 7 * 24 * 60) / EVENTS) });
    google.insertEvent(LEADER.email, { summary: `Möte ${i}`, start: { dateTime: at.toISO() as string }, end: { dateTime: at.plus({ minutes: 45 }).toISO() as string } });
  }
  google.injectFault({ kind: 'delay', operation: 'events.list', delayMs: PAGE_DELAY_MS, times: 1_000 });
  const places = { natsUrl: nats.url, natsPrefix: nats.prefix, mongoUrl: (s: Service) => dbs[s]!.url, port: (s: Service) => ports[s], smtpPort: smtp.port, google, googleClient };
  // Built once: a restarted calendar-sync must read the tokens the first one stored.
  const env = Object.fromEntries(SERVICES.map((s) => [s, serviceEnv(s, places)])) as Record<Service, Record<string, string>>;

  const nc = await connectNats({ servers: nats.url, name: 'test', logger: pino({ level: 'silent' }) });
  t.teardown(() => nc.close());
  const jsm = await jetstreamManager(nc);
  const stream = `${nats.prefix}_${Streams.calendar.name}`;
  const subject = (s: string) => `${nats.prefix}.${s}`;
  const inStream = async (s: string) => (await jsm.streams.info(stream, { subjects_filter: '>' })).state.subjects?.[subject(s)] ?? 0;

  let procs: ServiceProcess[] = [];
  const start = async () => {
    procs = SERVICES.map((s) => spawnService(s, env[s], { from: 'dist' }));
    await Promise.all(SERVICES.map((s) => waitForStatus(`${url(s)}/readyz`, 200, 120_000)));
  };
  t.teardown(() => Promise.all(procs.map((p) => p.stop('SIGKILL'))));
  await start();

  await connectLikeABrowser(url('calendar-sync'), 'google');
  await eventually(async () => (await inStream(Subjects.eventsChanged)) > 0, { what: 'the first page announced', timeoutMs: 120_000, intervalMs: 20 });
  t.equal(await inStream(Subjects.eventsSynced), 0, 'the sync is still running');

  t.comment('injected: SIGTERM to all four services mid-sync');
  const stopped = await Promise.all(
    procs.map(async (p) => {
      const began = performance.now();
      const code = await p.stop('SIGTERM', CEILING_MS);
      return { name: p.name, code, ms: Math.round(performance.now() - began), output: p.output() };
    }),
  );
  for (const s of stopped) {
    t.equal(s.code, 0, `${s.name}: exit 0 (took ${s.ms} ms)`);
    t.match(s.output, /"msg":"stopped"/, `${s.name}: closed in order`);
  }
  const synced = await inStream(Subjects.eventsSynced);
  t.equal(synced, 0, 'stopped before the sync finished: the rest is left for redelivery');

  await start();
  t.comment('restarted all four services');
  await eventually(async () => (await inStream(Subjects.eventsSynced)) > 0, { what: 'the sync completed after the restart', timeoutMs: 240_000 }).catch(
    (err: unknown) => {
      t.comment(`calendar-sync before the stop:\n${stopped[0]?.output.slice(-3000)}\nafter the restart:\n${procs[0]?.output().slice(-3000)}`);
      throw err;
    },
  );

  // Every event at the provider was announced, whether before or after the stop.
  const seen = new Set<string>();
  const js = jetstream(nc);
  // The whole stream, read in order (a server before 2.10 filters no ordered consumer by subject list).
  const reader = await js.consumers.get(stream, { deliver_policy: DeliverPolicy.All });
  const total = (await jsm.streams.info(stream)).state.messages;
  for (let read = 0; read < total; ) {
    const batch = await reader.fetch({ max_messages: 100, expires: 5_000 });
    for await (const m of batch) {
      read++;
      if (m.subject !== subject(Subjects.eventsChanged)) continue;
      const data = (m.json() as { data: { changes: { event?: { providerEventId: string } }[] } }).data;
      for (const c of data.changes) if (c.event) seen.add(c.event.providerEventId);
    }
  }
  t.equal(seen.size, EVENTS, 'every event of the calendar announced: nothing lost to the stop');
});
