// Readiness that tells the truth: every service, run from dist/, answers 503 naming NATS while its server is frozen
// (SIGSTOP: sockets open, nothing answered), within the readiness deadline, and 200 once it is continued. A service
// that cannot reach NATS at start-up says "could not start" and exits non-zero, although its database is open.
import { randomBytes } from 'node:crypto';
import { startGoogleFake } from '@ledarsteg/provider-fakes';
import { freePort, natsForTest, type ServiceProcess, spawnService, startNatsServer, type TeardownHost, testDatabase, waitForStatus } from '@ledarsteg/testing';
import t from 'tap';
import { SERVICES, type Service, serviceEnv } from './fixtures/service-env.js';

t.setTimeout(300_000);

const READINESS_TIMEOUT_MS = 1_000;

async function places(t: TeardownHost, natsUrl: string, natsPrefix: string) {
  const ports = Object.fromEntries(await Promise.all(SERVICES.map(async (s) => [s, await freePort()] as const))) as Record<Service, number>;
  const dbs = Object.fromEntries(await Promise.all(SERVICES.map(async (s) => [s, await testDatabase(t, `ready_${s.replace('-', '_')}`)] as const)));
  const googleClient = { clientId: 'ledarsteg-e2e.apps.googleusercontent.com', clientSecret: randomBytes(16).toString('hex') };
  const google = await startGoogleFake({ clients: [{ ...googleClient, redirectUris: [`http://127.0.0.1:${ports['calendar-sync']}/connect/google/callback`] }] });
  t.teardown(() => google.close());
  return { natsUrl, natsPrefix, mongoUrl: (s: Service) => dbs[s]!.url, port: (s: Service) => ports[s], smtpPort: await freePort(), google, googleClient };
}

/** One /readyz answer and how long it took. */
async function probe(url: string): Promise<{ status: number; body: { checks?: Record<string, boolean> }; ms: number }> {
  const started = performance.now();
  const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  const body = (await res.json()) as { checks?: Record<string, boolean> };
  return { status: res.status, body, ms: performance.now() - started };
}

t.test('a frozen NATS server turns every /readyz 503 naming NATS within the deadline, and 200 again once it runs', async (t) => {
  // A private server: this test freezes it.
  const nats = await startNatsServer({ t });
  const p = await places(t, nats.url, `t${randomBytes(4).toString('hex')}`);
  const procs: ServiceProcess[] = SERVICES.map((s) => spawnService(s, { ...serviceEnv(s, p), READINESS_TIMEOUT_MS: String(READINESS_TIMEOUT_MS) }, { from: 'dist' }));
  t.teardown(async () => {
    nats.thaw();
    await Promise.all(procs.map((proc) => proc.stop('SIGKILL')));
  });
  const readyz = (s: Service) => `http://127.0.0.1:${p.port(s)}/readyz`;
  await Promise.all(SERVICES.map((s) => waitForStatus(readyz(s), 200, 120_000)));
  t.pass('the four services are ready');

  await nats.freeze();
  t.comment('injected: SIGSTOP to nats-server');
  try {
    for (const s of SERVICES) {
      const answer = await probe(readyz(s));
      t.equal(answer.status, 503, `${s}: 503 while NATS answers nothing`);
      t.match(answer.body.checks, { nats: false, database: true }, `${s}: the answer names NATS, and only NATS`);
      // The bound is the deadline plus the machine's slack; without the round trip the answer was 200 at once.
      t.ok(answer.ms < READINESS_TIMEOUT_MS + 5_000, `${s}: answered in ${Math.round(answer.ms)} ms, not held by the hung server`);
    }
  } finally {
    nats.thaw();
    t.comment('injected: SIGCONT to nats-server');
  }
  await Promise.all(SERVICES.map((s) => waitForStatus(readyz(s), 200, 60_000)));
  for (const s of SERVICES) t.match((await probe(readyz(s))).body.checks, { nats: true, database: true }, `${s}: ready again`);
});

t.test('NATS unreachable at start-up: every service logs "could not start" and exits non-zero with its database open', async (t) => {
  const nats = await natsForTest(t);
  // A port nothing listens on.
  const p = await places(t, `nats://127.0.0.1:${await freePort()}`, nats.prefix);
  for (const s of SERVICES) {
    const proc = spawnService(s, serviceEnv(s, p), { from: 'dist' });
    t.teardown(() => proc.stop('SIGKILL'));
    // The generous ceiling only guards the test run; a process that hangs is killed and its exit reads SIGKILL.
    const killer = setTimeout(() => proc.child.kill('SIGKILL'), 60_000);
    const code = await proc.exited;
    clearTimeout(killer);
    t.equal(code, 1, `${s}: exits 1 on its own, so an orchestrator restarts it`);
    t.match(proc.output(), /could not start/, `${s}: says why`);
  }
});
