// Runs a service as a child process: its main.ts through tsx (the demo, quick tests), or its build in dist/ with plain
// node, the way production runs it.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  /** Resolves with the exit code (or the signal name) when the process ends. */
  exited: Promise<number | string>;
  /** Everything the process wrote so far (stdout and stderr). */
  output(): string;
  /** Sends `signal` and waits for the exit; SIGKILL after `timeoutMs`. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | string>;
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface SpawnOptions {
  echo?: boolean;
  /** `source` (default): src/main.ts through tsx. `dist`: dist/main.js with plain node, as shipped (needs a build). */
  from?: 'source' | 'dist';
}

/** The command line that starts a service from source or from its build. */
export function serviceCommand(name: string, from: 'source' | 'dist' = 'source'): string[] {
  if (from === 'source') return ['--conditions=ledarsteg-source', '--import', 'tsx', join(repoRoot, 'services', name, 'src', 'main.ts')];
  const main = join(repoRoot, 'services', name, 'dist', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} does not exist: build first (npm run build)`);
  // No conditions: every workspace package resolves to its dist/ build, as in the deployed image.
  return [main];
}

export function spawnService(name: string, env: Record<string, string>, opts: SpawnOptions = {}): ServiceProcess {
  const child = spawn(process.execPath, serviceCommand(name, opts.from), {
    cwd: repoRoot,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...pickCa(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 1_000_000) output = output.slice(-500_000);
    if (opts.echo) process.stdout.write(chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = once(child, 'exit').then(([code, signal]) => {
    live.delete(child);
    return (code as number | null) ?? (signal as string);
  });
  return {
    name,
    child,
    exited,
    output: () => output,
    async stop(signal = 'SIGTERM', timeoutMs = 30_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

function pickCa(): Record<string, string> {
  const ca = process.env['NODE_EXTRA_CA_CERTS'];
  return ca ? { NODE_EXTRA_CA_CERTS: ca } : {};
}

/** Polls `url` until it answers `status` (default 200). */
export async function waitForStatus(url: string, status = 200, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.status === status) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms (last: ${last})`);
}
