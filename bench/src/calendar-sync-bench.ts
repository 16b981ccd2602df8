// calendar-sync against the provider fakes: first sync of a 10,000-event calendar, then incremental changes one at a time.
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { buildApp, CalendarSyncConfig } from '@ledarsteg/calendar-sync';
import { type GoogleFake, type MicrosoftFake, startGoogleFake, startMicrosoftFake } from '@ledarsteg/provider-fakes';
import { loadConfig } from '@ledarsteg/service-kit';
import { eventually, freePort, providerEnv, startEmbeddedDatabase, startNatsServer } from '@ledarsteg/testing';
import { DateTime } from 'luxon';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { reportStandalone } from './bench-report.js';
import type { BenchResult } from './bench-result.js';

const EVENTS = 10_000;
const CHANGES = 20;
const LEADER = 'leader@example.com';
const GOOGLE_CLIENT = { clientId: 'bench.apps.googleusercontent.com', clientSecret: 'bench-secret', redirectUris: [] as string[] };
type Provider = 'google' | 'microsoft';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
/** Spread over the sync window (8 weeks back, 6 ahead), one hour each, on the hour. */
const slotAt = (i: number) => DateTime.utc().startOf('hour').minus({ weeks: 7 }).plus({ minutes: Math.floor((i * 13 * 7 * 24 * 60) / EVENTS / 60) * 60 + (i % 3) * 60 });

export async function run(): Promise<BenchResult> {
  const nats = await startNatsServer();
  const db = await startEmbeddedDatabase();
  const google = await startGoogleFake({ accounts: [{ email: LEADER, timeZone: 'Europe/Stockholm' }], clients: [GOOGLE_CLIENT] });
  const microsoft = await startMicrosoftFake({ requireHttpsNotificationUrl: false, defaultPageSize: 250 });
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const msClient = microsoft.addClient({ redirectUris: [`${publicUrl}/connect/microsoft/callback`] });
  const msAccount = microsoft.addAccount({ displayName: 'Maja', mail: 'maja@contoso.example', timeZone: 'W. Europe Standard Time' });
  for (let i = 0; i < EVENTS; i++) {
    const at = slotAt(i);
    google.insertEvent(LEADER, { summary: `Event ${i}`, start: { dateTime: at.toISO() as string }, end: { dateTime: at.plus({ hours: 1 }).toISO() as string } });
    const fmt = "yyyy-MM-dd'T'HH:mm:ss";
    microsoft.createEvent(msAccount.id, { subject: `Event ${i}`, start: { dateTime: at.toFormat(fmt), timeZone: 'UTC' }, end: { dateTime: at.plus({ hours: 1 }).toFormat(fmt), timeZone: 'UTC' } });
  }
  const config = loadConfig(CalendarSyncConfig, {
    NATS_URL: nats.url,
    MONGO_URL: `${db.url}/calsync-bench`,
    PORT: String(port),
    LOG_LEVEL: 'silent',
    PUBLIC_URL: publicUrl,
    WEBHOOKS_ALLOW_HTTP: 'true',
    TOKEN_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    ...providerEnv({ google, googleClient: GOOGLE_CLIENT, microsoft, microsoftClient: msClient }),
  });
  const app = await buildApp({ config, deps: { logger: pino({ level: 'silent' }) } });
  await app.listen({ host: '127.0.0.1', port });
  const svc = app.calendarSync;
  const rows: BenchResult['rows'] = [];

  async function connect(provider: Provider) {
    const start = await app.inject({ method: 'GET', url: `/connect/${provider}` });
    const consent = await fetch(String(start.headers.location), { redirect: 'manual' });
    const back = new URL(String(consent.headers.get('location')));
    const raw = start.headers['set-cookie'];
    const cookie = (Array.isArray(raw) ? raw : raw ? [raw] : []).map((c) => c.split(';')[0]).join('; ');
    const callback = await app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, headers: { cookie } });
    if (callback.statusCode !== 200) throw new Error(`connect ${provider}: ${callback.statusCode} ${callback.body}`);
    return (callback.json() as { connectionId: string }).connectionId;
  }
  const calls = (fake: GoogleFake | MicrosoftFake) =>
    'requests' in fake ? fake.requests.filter((r) => r.operation !== undefined).length : fake.requestLog.filter((r) => r.area !== 'other').length;
  const pages = (provider: Provider) => (provider === 'google' ? google.requests.filter((r) => r.operation === 'events.list').length : microsoft.countRequests('/calendarView/delta', 'GET'));
  const clear = () => {
    google.clearRequests();
    microsoft.clearRequestLog();
  };
  const stored = async (connectionId: string) => (await svc.events.live(connectionId)).length;

  async function measure(provider: Provider): Promise<BenchResult['rows']> {
    const fake = provider === 'google' ? google : microsoft;
    clear();
    const t0 = performance.now();
    const connectionId = await connect(provider);
    const conn = await eventually(async () => (await svc.connections.byId(connectionId))?.lastSyncedAt, { timeoutMs: 600_000, intervalMs: 20 });
    const firstMs = performance.now() - t0;
    const count = await stored(connectionId);
    const first = { provider, phase: 'first sync', events: count, wallMs: round(firstMs, 0), eventsPerSec: round((count / firstMs) * 1000, 0), providerCalls: calls(fake), pages: pages(provider), medianLatencyMs: '—' };
    void conn;
    await eventually(async () => (await svc.connections.byId(connectionId))?.watch, { timeoutMs: 60_000 });
    await settle(fake);

    const latencies: number[] = [];
    const perChange: number[] = [];
    for (let i = 0; i < CHANGES; i++) {
      clear();
      const at = DateTime.utc().startOf('hour').plus({ days: 1 + (i % 20), hours: 2 });
      const s = performance.now();
      let id: string;
      if (provider === 'google') id = google.insertEvent(LEADER, { summary: `Change ${i}`, start: { dateTime: at.toISO() as string }, end: { dateTime: at.plus({ hours: 1 }).toISO() as string } }).id;
      else id = microsoft.createEvent(msAccount.id, { subject: `Change ${i}`, start: { dateTime: at.toFormat("yyyy-MM-dd'T'HH:mm:ss"), timeZone: 'UTC' }, end: { dateTime: at.plus({ hours: 1 }).toFormat("yyyy-MM-dd'T'HH:mm:ss"), timeZone: 'UTC' } }).id;
      await eventually(async () => (await svc.events.byIds(connectionId, [id])).get(id)?.rev, { timeoutMs: 60_000, intervalMs: 2 });
      latencies.push(performance.now() - s);
      await settle(fake);
      perChange.push(calls(fake));
    }
    const steady = { provider, phase: `${CHANGES} changes, one at a time (webhook)`, events: CHANGES, wallMs: round(latencies.reduce((a, b) => a + b, 0), 0), eventsPerSec: '—', providerCalls: round(median(perChange), 1), pages: '—', medianLatencyMs: round(median(latencies), 0) };
    return [first, steady];
  }
  /** Lets the notification and the sync it caused finish, so every provider call is counted against its change. */
  async function settle(fake: GoogleFake | MicrosoftFake) {
    let last = -1;
    for (;;) {
      if ('pushSettled' in fake) await fake.pushSettled();
      else await fake.flushNotifications();
      await new Promise((r) => setTimeout(r, 150));
      const now = calls(fake);
      if (now === last) return;
      last = now;
    }
  }

  /** The database's own pace: the same number of event-shaped documents through one plain insertMany, no service in between. */
  async function rawInsertMany(): Promise<BenchResult['rows'][number]> {
    // Polled heartbeats, as the services connect: the embedded server answers streamed ones wrongly.
    const conn = await mongoose.createConnection(`${db.url}/calsync-bench-raw`, { serverMonitoringMode: 'poll' }).asPromise();
    try {
      const syncedAt = new Date();
      const docs = Array.from({ length: EVENTS }, (_, i) => {
        const at = slotAt(i);
        return {
          userId: 'bench-user', connectionId: 'bench-raw', providerEventId: `raw-${i}`, provider: 'google', calendarId: 'primary',
          start: at.toJSDate(), end: at.plus({ hours: 1 }).toJSDate(), timeZone: 'Europe/Stockholm', allDay: false, status: 'confirmed',
          showAs: 'busy', busy: true, kind: 'meeting', attendeeCount: 1, selfResponse: 'accepted', selfOptional: false, organizerIsSelf: true,
          createdAt: syncedAt, updatedAt: syncedAt, hasTitle: true, hasDescription: false, syncedAt, rev: i + 1,
        };
      });
      const t0 = performance.now();
      await conn.collection('raw_events').insertMany(docs, { ordered: false });
      const ms = performance.now() - t0;
      return { provider: '— (database)', phase: 'raw insertMany, same documents', events: EVENTS, wallMs: round(ms, 0), eventsPerSec: round((EVENTS / ms) * 1000, 0), providerCalls: '—', pages: '—', medianLatencyMs: '—' };
    } finally {
      await conn.close();
    }
  }

  try {
    const raw = await rawInsertMany();
    for (const provider of ['google', 'microsoft'] as const) rows.push(...(await measure(provider)));
    rows.push(raw);
    for (const row of rows) {
      if (row['phase'] === 'first sync' && typeof row['eventsPerSec'] === 'number' && typeof raw['eventsPerSec'] === 'number') {
        row['phase'] = `first sync (${round(row['eventsPerSec'] / raw['eventsPerSec'], 2)} × raw insertMany)`;
      }
    }
  } finally {
    await app.close();
    await google.close();
    await microsoft.close();
    await nats.stop();
    await db.stop();
  }

  return {
    name: 'calendar-sync',
    title: 'calendar-sync against the provider fakes: first sync of 10,000 events, then incremental changes via webhooks',
    columns: [
      { key: 'provider', label: 'Provider' },
      { key: 'phase', label: 'Phase' },
      { key: 'events', label: 'Events' },
      { key: 'wallMs', label: 'Wall ms' },
      { key: 'eventsPerSec', label: 'Events/s' },
      { key: 'providerCalls', label: 'Provider calls (first sync: total; changes: median per change)' },
      { key: 'pages', label: 'Pages' },
      { key: 'medianLatencyMs', label: 'Median change → stored ms' },
    ],
    rows,
    notes: [
      'Real @googleapis/calendar and @microsoft/microsoft-graph-client against the local fakes; embedded MongoDB-wire server (CongoDB) and a local nats-server.',
      'First sync wall time runs from the OAuth callback to lastSyncedAt, so it includes linking, the profile read and NATS hops.',
      "Provider calls include token refreshes, profile reads and watch creation, counted from the fakes' request logs; pages are what the adapters asked for (Google maxResults, Graph odata.maxpagesize as the fake allows).",
      'First-sync throughput is bounded by the embedded CongoDB writes, not by the providers; expect far more against a real MongoDB.',
      'Change latency: from the change at the fake to the event being in calendar_events (push → webhook → sync request → incremental sync). Wall-clock on a shared machine: read as an order of magnitude.',
    ],
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await reportStandalone(run);
