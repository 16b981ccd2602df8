// The whole system on embedded defaults: NATS, the embedded database, local SMTP, the provider fakes, four services.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGoogleFake, startMicrosoftFake } from '@ledarsteg/provider-fakes';
import { type EmbeddedDatabase, freePort, type NatsTestServer, providerEnv, startEmbeddedDatabase, startNatsServer } from '@ledarsteg/testing';
import { serviceDatabaseUrl } from './service-databases.js';
import { SMTPServer } from 'smtp-server';
import { DateTime } from 'luxon';
import { isoWeekOf } from '@ledarsteg/contracts';
import { connectLikeABrowser } from './demo-connect.js';
import { printLedartid, printWeek, waitForWeek } from './demo-report.js';
import { DEMO_LEADERS, seedGoogle, seedMicrosoft } from './demo-seed.js';
import { portOf, type ServiceName, startStack, stopProcesses } from './stack.js';
import type { ServiceProcess } from '@ledarsteg/testing';

const ZONE = 'Europe/Stockholm';
const cleanup: (() => Promise<unknown>)[] = [];
const step = (text: string) => console.log(`• ${text}`);

async function natsUrl(): Promise<string> {
  if (process.env['NATS_URL']) return process.env['NATS_URL'];
  const server: NatsTestServer = await startNatsServer();
  cleanup.push(() => server.stop());
  return server.url;
}

async function mongoUrl(): Promise<string> {
  if (process.env['MONGO_URL']) return process.env['MONGO_URL'];
  const db: EmbeddedDatabase = await startEmbeddedDatabase();
  cleanup.push(() => db.stop());
  return db.url;
}

/** Where the demo's mail is saved, one .eml per message, and each leader's digest as .html beside it. */
const MAIL_DIR = mkdtempSync(join(tmpdir(), 'ledarsteg-demo-mail-'));
/** The digests received, by recipient address: the raw message. */
const digests = new Map<string, string>();

/** A local SMTP server that accepts every message, saves it as .eml and prints who got what (never the body). */
async function smtpUrl(): Promise<string> {
  const port = await freePort();
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const to = session.envelope.rcptTo.map((r) => r.address);
        const file = join(MAIL_DIR, `${String(++count).padStart(2, '0')}-${to[0]?.replace(/[^a-z0-9@.-]/gi, '_') ?? 'unknown'}.eml`);
        writeFileSync(file, raw);
        // The digest is the mail with a one-click unsubscribe header.
        if (/^List-Unsubscribe-Post:/im.test(raw)) for (const address of to) digests.set(address, file);
        console.log(`  ✉  mail to ${to.join(', ')} (${raw.length} bytes) → ${file}`);
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `smtp://127.0.0.1:${port}`;
}

async function main(): Promise<void> {
  console.log('LedarSteg demo — everything runs locally on embedded defaults.\n');
  const nats = await natsUrl();
  step(`NATS with JetStream at ${nats}`);
  const mongo = await mongoUrl();
  step(`database server at ${mongo}${process.env['MONGO_URL'] ? '' : ' (embedded CongoDB, in memory)'}; one database per service`);
  const smtp = await smtpUrl();
  step(`mail is delivered to a local SMTP server at ${smtp}`);

  const calendarSyncUrl = `http://127.0.0.1:${portOf('calendar-sync')}`;
  const google = await startGoogleFake();
  cleanup.push(() => google.close());
  const googleClient = { clientId: 'ledarsteg-demo.apps.googleusercontent.com', clientSecret: randomBytes(16).toString('hex') };
  google.addClient({ ...googleClient, redirectUris: [`${calendarSyncUrl}/connect/google/callback`] });
  step(`Google Calendar + OAuth (local fake) at ${google.url}`);
  // Locally the fakes deliver notifications over plain http; real providers require HTTPS.
  const microsoft = await startMicrosoftFake({ requireHttpsNotificationUrl: false });
  cleanup.push(() => microsoft.close());
  const msClient = microsoft.addClient({ redirectUris: [`${calendarSyncUrl}/connect/microsoft/callback`] });
  step(`Microsoft Graph + identity platform (local fake, HTTPS) at ${microsoft.url}`);

  const coachToken = randomBytes(24).toString('hex');
  const shared = { NATS_URL: nats, LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'warn', HOST: '127.0.0.1' };
  const envFor = (name: ServiceName): Record<string, string> => {
    // Each service owns its data: its own database on the shared server.
    const env: Record<string, string> = { ...shared, MONGO_URL: serviceDatabaseUrl(mongo, name), PORT: String(portOf(name)) };
    if (name === 'calendar-sync') {
      Object.assign(env, {
        PUBLIC_URL: calendarSyncUrl,
        WEBHOOKS_ALLOW_HTTP: 'true',
        TOKEN_KEYS: `demo1:${randomBytes(32).toString('base64')}`,
        ...providerEnv({ google, googleClient, microsoft, microsoftClient: msClient }),
        MICROSOFT_TENANT: 'common',
      });
    }
    if (name === 'notifier') {
      Object.assign(env, {
        SMTP_URL: smtp,
        MAIL_FROM: 'hej@ledarsteg.example',
        PUBLIC_URL: calendarSyncUrl,
        LINK_BASE_URL: `http://127.0.0.1:${portOf('notifier')}`,
        LINK_KEYS: `demo1:${randomBytes(32).toString('base64url')}`,
        DIGEST_POLL_SECONDS: '5',
      });
    }
    if (name === 'coach') env['COACH_TOKENS'] = `demo-coach:${coachToken}`;
    return env;
  };

  step('starting calendar-sync, analyser, notifier and coach …');
  // Stoppable from the first spawn: a Ctrl-C while the services are still starting stops them too.
  const processes: ServiceProcess[] = [];
  cleanup.unshift(() => stopProcesses(processes));
  const stack = await startStack(envFor, { echo: process.env['LOG_LEVEL'] !== undefined, processes });
  console.log('\nAll four services are ready (/readyz is green):');
  for (const [name, url] of Object.entries(stack.urls)) console.log(`  ${name.padEnd(14)} ${url}   (health: ${url}/healthz, ready: ${url}/readyz)`);

  console.log('\nSeeding two leaders with realistic weeks and connecting their calendars …');
  const now = DateTime.now();
  // The coming week: what a leader plans ahead, and what LedarSteg protects ledartid in.
  const monday = now.setZone(ZONE).startOf('week').plus({ weeks: 1 });
  const connected: { name: string; userId: string; blocks: () => { start: string; end: string }[] }[] = [];
  for (const leader of DEMO_LEADERS) {
    let blocks: () => { start: string; end: string }[];
    if (leader.provider === 'google') {
      google.addAccount({ email: leader.email, timeZone: ZONE });
      google.setConsentAccount(leader.email);
      seedGoogle(google, leader.email, leader.meetings, monday);
      // Read back from the provider's own calendar, not from LedarSteg's copy.
      blocks = () =>
        google
          .storedEvents(leader.email)
          .filter((e) => e.status !== 'cancelled' && e.extendedProperties?.private?.['ledarstegBlockId'])
          .map((e) => ({ start: String(e.start?.dateTime), end: String(e.end?.dateTime) }));
    } else {
      const account = microsoft.addAccount({ displayName: leader.name, mail: leader.email, userPrincipalName: leader.email, timeZone: 'W. Europe Standard Time' });
      microsoft.setConsent({ accountId: account.id });
      seedMicrosoft(microsoft, account.id, leader.email, leader.meetings, monday);
      const utc = (v: unknown) => `${(v as { dateTime: string }).dateTime.slice(0, 19)}Z`;
      blocks = () =>
        microsoft
          .listEvents(account.id)
          .filter((e) => String(e['transactionId'] ?? '').startsWith('ledarsteg-block-') && !e['isCancelled'])
          .map((e) => ({ start: utc(e['start']), end: utc(e['end']) }));
    }
    const link = await connectLikeABrowser(calendarSyncUrl, leader.provider);
    connected.push({ name: leader.name, userId: link.userId, blocks });
    step(`${leader.name} connected ${leader.provider === 'google' ? 'Google Calendar' : 'Microsoft 365'} as ${link.email}`);
  }

  const analyserUrl = stack.urls.analyser;
  const nextWeek = isoWeekOf(monday.toJSDate(), ZONE);
  for (const leader of connected) printWeek(leader.name, await waitForWeek(analyserUrl, leader.userId, nextWeek), ZONE);

  console.log(`\nBoth leaders opt in to automatic booking; LedarSteg protects ${nextWeek} in their calendars …`);
  for (const leader of connected) {
    const res = await fetch(`${analyserUrl}/leaders/${leader.userId}/settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ optIns: { autoBook: true } }),
    });
    if (res.status !== 200) throw new Error(`could not turn on automatic booking: ${res.status} ${await res.text()}`);
  }
  for (const leader of connected) {
    // Done when the analysis has seen, through sync, every block that is in the provider's calendar.
    const minutesAtProvider = () => leader.blocks().reduce((sum, b) => sum + (Date.parse(b.end) - Date.parse(b.start)) / 60_000, 0);
    const view = await waitForWeek(
      analyserUrl,
      leader.userId,
      nextWeek,
      (v) => leader.blocks().length >= 2 && v.metrics.ledartid.bookedMinutes >= minutesAtProvider(),
      90_000,
    );
    console.log(`\n${leader.name}`);
    printLedartid(view, leader.blocks(), ZONE);
  }
  await sendDigests(stack.urls.notifier, analyserUrl, connected, nextWeek);

  console.log(`\nConnect another calendar: open ${calendarSyncUrl}/connect/google or ${calendarSyncUrl}/connect/microsoft`);
  console.log(`Coach API token (demo-coach): ${coachToken}`);
  console.log('\nPress Ctrl-C to stop everything.');
  if (process.argv.includes('--once')) await shutdown(0);
}

/**
 * Moves each leader's digest to two minutes from now (the second leader reads English), waits for it at the local SMTP
 * server, and saves each leader's digest as HTML (the notifier's preview, picture included) beside the .eml files.
 */
async function sendDigests(notifierUrl: string, analyserUrl: string, leaders: { name: string; userId: string }[], nextWeek: string): Promise<void> {
  const at = DateTime.now().setZone(ZONE).plus({ minutes: 2 });
  const digestAt = { weekday: at.weekday, time: at.toFormat('HH:mm') };
  console.log(`\nThe weekly digest: moved to today ${digestAt.time} (${ZONE}) for this demo; it normally comes Monday 07:00 …`);
  const addresses: string[] = [];
  for (const [i, leader] of leaders.entries()) {
    const res = await fetch(`${analyserUrl}/leaders/${leader.userId}/settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ digestAt, ...(i === 1 ? { locale: 'en' } : {}) }),
    });
    if (res.status !== 200) throw new Error(`could not move the digest: ${res.status} ${await res.text()}`);
    addresses.push(((await res.json()) as { email: string }).email);
  }
  // On a Monday the digest covers the week just begun, which the demo did not seed: there is then nothing to send.
  if (at.weekday !== 1) {
    const deadline = Date.now() + 4 * 60_000;
    while (addresses.some((a) => !digests.has(a)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 1000));
  }
  for (const [i, leader] of leaders.entries()) {
    const preview = await fetch(`${notifierUrl}/recipients/${leader.userId}/digests/${nextWeek}/preview`);
    const html = join(MAIL_DIR, `digest-${leader.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.html`);
    if (preview.ok) writeFileSync(html, await preview.text());
    const eml = digests.get(addresses[i] ?? '');
    console.log(`  ${leader.name}: ${eml ? `digest sent → ${eml}` : 'no digest sent (see above)'}${preview.ok ? `; as HTML → ${html}` : ''}`);
  }
  console.log(`\nEvery mail of this demo is in ${MAIL_DIR} (open a .html in a browser, a .eml in a mail program).`);
}

let stopping = false;
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping …');
  // The services first (side by side, each within its 5 s), then what they used, in order.
  for (const fn of cleanup) await fn().catch((err: unknown) => console.error(err));
  console.log('Stopped.');
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
main().catch(async (err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  await shutdown(1);
});
