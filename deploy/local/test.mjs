// `npm test`: installs what is missing, builds (the whole-system test runs the services from dist/), runs every workspace's
// tests through turbo, and ends with the real counts.
import { spawn, spawnSync } from 'node:child_process';
import { ensureInstalled, hasCommand, root } from './prepare.mjs';

ensureInstalled();
if (!process.env.NATS_URL && !hasCommand('nats-server')) {
  console.error('nats-server is not on PATH and NATS_URL is not set. Install it (Debian: apt-get install -y nats-server) or point NATS_URL at a server with JetStream.');
  process.exit(1);
}

const turboEnv = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1', FORCE_COLOR: '0' };
// Built first, always: a stale dist/ would test yesterday's code. Turbo's cache makes an unchanged build instant.
console.log('Building every package (the whole-system test runs dist/)…');
const build = spawnSync('npx', ['turbo', 'run', 'build', '--concurrency=2', '--output-logs=errors-only'], { cwd: root, env: turboEnv, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('The build failed; no test was run.');
  console.log('0 passed, 1 failed, 0 skipped');
  process.exit(1);
}

const args = ['turbo', 'run', 'test', '--continue', '--concurrency=1', '--output-logs=full', ...process.argv.slice(2)];
const child = spawn('npx', args, {
  cwd: root,
  env: turboEnv,
  stdio: ['ignore', 'pipe', 'inherit'],
});

const totals = { pass: 0, fail: 0, skip: 0, todo: 0 };
const perPackage = [];
// Each failing test with the first lines of its diagnostics, repeated just above the counts so a truncated log still names it.
const failures = [];
let diagnosticLines = 0;
let buffer = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  buffer += chunk;
  for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
    const line = buffer.slice(0, nl);
    buffer = buffer.slice(nl + 1);
    if (/:test:\s+not ok \d+/.test(line) && !/# (?:SKIP|TODO)/.test(line)) {
      failures.push(line);
      diagnosticLines = 24;
    } else if (diagnosticLines > 0) {
      diagnosticLines -= 1;
      failures.push(line);
    }
    // tap's closing summary, e.g. "@ledarsteg/store:test: # { total: 14, pass: 13, skip: 1 }"
    const match = /^(?:(\S+):test: )?# \{ (total: \d+.*) \}\s*$/.exec(line);
    if (!match) continue;
    const counts = Object.fromEntries(match[2].split(', ').map((pair) => pair.split(': ')).map(([k, v]) => [k, Number(v)]));
    for (const key of Object.keys(totals)) totals[key] += counts[key] ?? 0;
    perPackage.push(`${match[1] ?? '?'}: ${match[2]}`);
  }
});

child.on('close', (code) => {
  if (failures.length > 0) {
    console.log('\nFailing tests (with the start of their diagnostics):');
    for (const line of failures) console.log(`  ${line}`);
  }
  console.log('\nTest summary by package:');
  for (const line of perPackage) console.log(`  ${line}`);
  // A package whose runner crashed before its summary counts as a failure, never as a pass.
  const failed = totals.fail + (code !== 0 && totals.fail === 0 ? 1 : 0);
  console.log(`${totals.pass} passed, ${failed} failed, ${totals.skip + totals.todo} skipped`);
  process.exit(code === 0 && failed === 0 ? 0 : 1);
});
