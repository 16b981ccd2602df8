// Ctrl-C during `npm run demo` while it is still connecting and analysing the seeded leaders: the whole demo stops
// promptly, exit 0, and leaves no process behind (no nats-server, no service).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { eventually, freePort, repoRoot } from '@ledarsteg/testing';
import t from 'tap';

t.setTimeout(400_000);

/** The processes still in a process group (pgrep -g). */
function groupMembers(pgid: number): number[] {
  const res = spawnSync('pgrep', ['-g', String(pgid)], { encoding: 'utf8' });
  return res.stdout.split('\n').filter(Boolean).map(Number);
}

t.test('Ctrl-C while the demo is seeding: it stops within a few seconds and leaves no child process', async (t) => {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !['NATS_URL', 'MONGO_URL', 'LOG_LEVEL'].includes(k)) env[k] = v;
  // Ports of its own, so the test never meets a demo someone else runs on the defaults.
  for (const name of ['CALENDAR_SYNC', 'ANALYSER', 'NOTIFIER', 'COACH']) env[`${name}_PORT`] = String(await freePort());
  // Its own process group, as a terminal gives a foreground job: Ctrl-C reaches every process in it.
  const demo: ChildProcess = spawn(process.execPath, [join(repoRoot, 'deploy', 'local', 'demo.mjs')], {
    cwd: repoRoot,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pgid = demo.pid as number;
  t.teardown(() => {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // Already gone: what the test wants.
    }
  });
  let output = '';
  const collect = (c: Buffer) => {
    output += c.toString();
  };
  demo.stdout?.on('data', collect);
  demo.stderr?.on('data', collect);
  const exited = once(demo, 'exit').then(([code, signal]) => (code as number | null) ?? (signal as string));

  // The first leader is connected: the second is being seeded, the first synced and analysed.
  await eventually(() => / connected (Google Calendar|Microsoft 365) as /.test(output), { what: 'the demo seeding and connecting', timeoutMs: 300_000, intervalMs: 50 });
  t.notMatch(output, /Press Ctrl-C to stop everything/, 'interrupted before the demo finished');
  const busy = groupMembers(pgid).length;
  t.ok(busy >= 6, `the launcher, the demo, nats-server and four services run (${busy} processes)`);

  t.comment('injected: SIGINT to the demo process group (Ctrl-C)');
  const began = performance.now();
  process.kill(-pgid, 'SIGINT');
  // The ceiling guards the run only; the figure is printed.
  const killer = setTimeout(() => process.kill(-pgid, 'SIGKILL'), 30_000);
  const code = await exited;
  clearTimeout(killer);
  const ms = Math.round(performance.now() - began);
  t.equal(code, 0, `the launcher exits 0 (after ${ms} ms)`);
  t.match(output, /Stopped\./, 'after stopping everything it started');
  await eventually(() => groupMembers(pgid).length === 0, { what: 'no process left in the group', timeoutMs: 5_000 });
  t.same(groupMembers(pgid), [], 'no nats-server, service or demo process is left');
});
