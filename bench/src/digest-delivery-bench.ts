// Benchmark of digest delivery: a wave of leaders due the same minute, composed and sent by the notifier to a local SMTP sink.
import { pathToFileURL } from 'node:url';
import { Consumers, type Payload, Subjects, type WeekCompleted } from '@ledarsteg/contracts';
import { connectNats, createPublisher } from '@ledarsteg/messaging';
import { buildApp, NotifierConfig } from '@ledarsteg/notifier';
import { loadConfig } from '@ledarsteg/service-kit';
import { consumerIdle, freePort, startEmbeddedDatabase, startNatsServer } from '@ledarsteg/testing';
import { pino } from 'pino';
import { SMTPServer } from 'smtp-server';
import { reportStandalone } from './bench-report.js';
import type { BenchResult } from './bench-result.js';
import { startStopwatch } from './cpu-clock.js';
import { prng } from './synthetic-week.js';

/** Leaders in the measured wave; DIGEST_WAVE=10000 sends the whole Monday 07:00 wave of one zone. */
const WAVE = Number(process.env['DIGEST_WAVE'] ?? 1000);
const FULL_WAVE = 10_000;
const ZONE = 'Europe/Stockholm';
/** Sunday 29 March 2026 noon; every leader's digest is due Monday 07:00 (05:00 UTC, summer time). */
const SUNDAY = Date.parse('2026-03-29T12:00:00Z');
const DUE = Date.parse('2026-03-30T05:00:00Z');
const WEEKDAYS = ['2026-03-30', '2026-03-31', '2026-04-01', '2026-04-02', '2026-04-03'];
const REASONS = ['recurring_no_agenda', 'long_recurring', 'large_passive', 'short_notice', 'after_hours', 'double_booked'] as const;
const ACTIONS = ['decline', 'shorten', 'make_less_frequent', 'delegate', 'ask_for_agenda'] as const;

function weekFor(userId: string, random: () => number): WeekCompleted {
  const day = (d: number, h: number) => new Date(Date.parse('2026-03-30T06:00:00Z') + d * 86_400_000 + h * 3_600_000).toISOString();
  const flags = Array.from({ length: Math.floor(random() * 9) }, (_, i) => ({
    providerEventId: `${userId}-m${i}`,
    start: day(i % 5, 1 + (i % 6)),
    end: day(i % 5, 2 + (i % 6)),
    reasons: [REASONS[Math.floor(random() * REASONS.length)]!],
    action: ACTIONS[Math.floor(random() * ACTIONS.length)]!,
    minutesBack: 15 + Math.floor(random() * 8) * 15,
    title: `Möte ${i}`,
  }));
  return {
    userId, week: '2026-W14', timeZone: ZONE, meetingMinutes: 600 + Math.floor(random() * 900), meetingCount: 20, focusMinutes: Math.floor(random() * 900),
    flaggedMeetings: flags.length, ledartid: { bookedMinutes: 90, keptMinutes: Math.floor(random() * 180), overwrittenMinutes: 0 },
    firefightingIndex: Math.floor(random() * 100), analysedAt: '2026-03-29T10:00:00Z', flags,
    days: WEEKDAYS.map((date) => ({ date, meetingMinutes: Math.floor(random() * 420) })),
  };
}

function settingsFor(userId: string, i: number): Payload<'analysis.settings.changed.v1'> {
  return {
    userId, timeZone: ZONE, email: `${userId}@bench.example`, displayName: `Leader ${i}`, locale: i % 2 === 0 ? 'sv' : 'en',
    workingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '17:00' })),
    ledartidGoal: { blocks: 2, blockMinutes: 90, preferredTime: 'any' }, autoBook: i % 3 === 0, shareWithCoach: false,
    weeklyDigest: true, digestAt: { weekday: 1, time: '07:00' }, changedAt: '2026-03-20T10:00:00Z',
  };
}

export async function run(): Promise<BenchResult> {
  const logger = pino({ level: 'silent' });
  const nats = await startNatsServer();
  const db = await startEmbeddedDatabase();
  let received = 0;
  let bytes = 0;
  const smtpPort = await freePort();
  const sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      stream.on('data', (c: Buffer) => {
        bytes += c.length;
      });
      stream.on('end', () => {
        received++;
        done();
      });
    },
  });
  await new Promise<void>((resolve) => sink.listen(smtpPort, '127.0.0.1', resolve));

  let offset = SUNDAY - Date.now();
  const now = () => new Date(Date.now() + offset);
  const prefix = 'bench';
  const config = loadConfig(NotifierConfig, {
    NATS_URL: nats.url, MONGO_URL: `${db.url.replace(/\/$/, '')}/bench_notifier`, NATS_PREFIX: prefix, PORT: '0', LOG_LEVEL: 'silent',
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, MAIL_FROM: 'veckobrev@ledarsteg.example', LINK_KEYS: 'b1:bench-link-secret-that-is-long-enough-000',
    DIGEST_POLL_SECONDS: '0.2',
  });
  const app = await buildApp({ config, deps: { logger, now } });
  await app.ready();
  const nc = await connectNats({ servers: nats.url, name: 'bench', logger });
  const publish = createPublisher(nc, { logger, prefix });
  try {
    const random = prng(14);
    const seedWatch = startStopwatch();
    let lastSettings = 0;
    let lastWeek = 0;
    for (let i = 0; i < WAVE; i++) {
      const userId = `leader-${i}`;
      lastSettings = (await publish(Subjects.settingsChanged, settingsFor(userId, i))).seq;
      lastWeek = (await publish(Subjects.weekCompleted, weekFor(userId, random))).seq;
    }
    await consumerIdle(nc, Consumers.notifier.settingsChanged, prefix, lastSettings);
    await consumerIdle(nc, Consumers.notifier.weekCompleted, prefix, lastWeek);
    const seeded = seedWatch.elapsed();

    // 07:00 strikes for every leader at once.
    offset = DUE + 1000 - Date.now();
    const watch = startStopwatch();
    const deadline = Date.now() + 4 * 60 * 60_000;
    while (received < WAVE && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const sent = watch.elapsed();
    if (received < WAVE) throw new Error(`only ${received} of ${WAVE} digests arrived`);

    const perWall = WAVE / sent.wallSeconds;
    const fullWaveMinutes = FULL_WAVE / perWall / 60;
    const r1 = (n: number) => Math.round(n * 10) / 10;
    return {
      name: 'digest-delivery',
      title: 'the notifier sending a wave of weekly digests due the same minute to a local SMTP sink (one instance)',
      columns: [
        { key: 'leaders', label: 'leaders due at 07:00' },
        { key: 'wallSeconds', label: 'wall s until the last arrived' },
        { key: 'perWallSecond', label: 'digests/s (composed + sent)' },
        { key: 'cpuMsPerDigest', label: 'CPU ms/digest (whole process)' },
        { key: 'kbPerDigest', label: 'kB/message' },
        { key: 'fullWave', label: `${FULL_WAVE.toLocaleString('en-US')} digests` },
      ],
      rows: [
        {
          leaders: WAVE,
          wallSeconds: r1(sent.wallSeconds),
          perWallSecond: r1(perWall),
          cpuMsPerDigest: r1((sent.cpuSeconds / WAVE) * 1000),
          kbPerDigest: r1(bytes / received / 1024),
          fullWave: WAVE >= FULL_WAVE ? `${r1(sent.wallSeconds / 60)} min (measured)` : `${r1(fullWaveMinutes)} min (at this rate)`,
        },
      ],
      notes: [
        `Seeding ${WAVE} leaders (settings and an analysed week each, over NATS into the notifier's projections) took ${r1(seeded.wallSeconds)} s and is not counted.`,
        'Each digest: claim the leader (conditional update), claim the ledger entry, read the projections, build the model, sign four links, compose (MJML, juice, the PNG picture), send over SMTP, confirm the ledger, publish notification.digest.sent.v1, move the schedule on.',
        'Everything runs in one process on the embedded database (CongoDB) and a local nats-server: the CPU figure includes the SMTP sink and the database. One instance sends one digest at a time; a second instance takes the next due leaders in parallel (see the two-instance test).',
        `DIGEST_WAVE=${FULL_WAVE} npm run bench -- digest-delivery measures the whole wave instead of extrapolating.`,
      ],
    };
  } finally {
    await app.close();
    await nc.close();
    await new Promise<void>((resolve) => sink.close(() => resolve()));
    await db.stop();
    await nats.stop();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await reportStandalone(run);
