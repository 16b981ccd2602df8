// Starts a throw-away nats-server with JetStream for one test file, or points tests at a shared one via NATS_URL.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './free-port.js';

/** The part of a tap `t` we need: cleanup that runs even when the test fails. */
export interface TeardownHost {
  teardown(fn: () => unknown): void;
}

export interface NatsServerOptions {
  /** Path of the nats-server binary. */
  binary?: string;
  /** How long to wait for the server to accept connections. */
  startTimeoutMs?: number;
  /** How long SIGTERM may take before SIGKILL. */
  stopTimeoutMs?: number;
  /** Registers stop() with this test's teardown. */
  t?: TeardownHost;
}

export interface NatsTestServer {
  url: string;
  port: number;
  storeDir: string;
  /** Kills the server and removes its store directory. Safe to call twice. */
  stop(): Promise<void>;
  /** Stops the server but keeps its port and store, so clients see an outage until restart(). */
  pause(): Promise<void>;
  /** Starts it again on the same port and store (stopping it first if it runs), so clients see a comeback. */
  restart(): Promise<void>;
  /** SIGSTOP: the process keeps its sockets open but answers nothing, like a hung server. Resolves once it has stopped. */
  freeze(): Promise<void>;
  /** SIGCONT after freeze(). */
  thaw(): void;
}

const DEFAULT_BINARY = '/usr/sbin/nats-server';
const STDERR_KEEP = 8_192;

// Servers still running when the test process exits are killed, so an aborted run leaves no orphans.
const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function trackForExit(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const c of live) c.kill('SIGKILL');
  });
}

/** Resolves with the server's INFO line once it accepts a client, or rejects on connection failure. */
function probe(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: '127.0.0.1', port });
    let buffer = '';
    const done = (err: Error | null, line?: string) => {
      socket.destroy();
      if (err) reject(err);
      else resolve(line ?? '');
    };
    socket.setTimeout(1_000, () => done(new Error('no INFO from server')));
    socket.once('error', (err) => done(err));
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      const end = buffer.indexOf('\r\n');
      if (end >= 0) done(null, buffer.slice(0, end));
    });
  });
}

interface Running {
  child: ChildProcess;
  stderr: () => string;
}

async function launch(binary: string, port: number, storeDir: string, timeoutMs: number): Promise<Running> {
  const child = spawn(binary, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  trackForExit(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_KEEP);
  });
  let exited: string | null = null;
  let spawnError: Error | null = null;
  child.once('error', (err) => {
    spawnError = err;
  });
  child.once('exit', (code, signal) => {
    exited = `exited with ${code ?? signal}`;
  });
  const running = { child, stderr: () => stderr };
  const deadline = Date.now() + timeoutMs;
  let lastError = 'not started';
  while (Date.now() < deadline) {
    if (spawnError || exited) {
      const why = spawnError ? `could not spawn ${binary}: ${(spawnError as Error).message}` : exited;
      throw new Error(`nats-server on port ${port} ${why}\n--- server stderr ---\n${stderr}`);
    }
    try {
      const info = await probe(port);
      // JetStream must be up, not only the listener, or the first stream call races the server.
      if (info.startsWith('INFO ') && info.includes('"jetstream":true')) return running;
      lastError = `unexpected greeting: ${info.slice(0, 200)}`;
    } catch (err) {
      lastError = (err as Error).message;
    }
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new Error(
    `nats-server on port ${port} did not accept connections within ${timeoutMs} ms (last: ${lastError})\n--- server stderr ---\n${stderr}`,
  );
}

async function terminate(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A frozen server would hold the SIGTERM until it is continued.
  child.kill('SIGCONT');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

/** The state letter of a process from /proc (`T` once stopped by a signal). */
async function processState(pid: number): Promise<string> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // The name in parentheses may hold spaces; the state follows the closing one.
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
}

/** Spawns `nats-server -js` on a free 127.0.0.1 port with a fresh store directory. */
export async function startNatsServer(opts: NatsServerOptions = {}): Promise<NatsTestServer> {
  const binary = opts.binary ?? DEFAULT_BINARY;
  const startTimeoutMs = opts.startTimeoutMs ?? 10_000;
  const stopTimeoutMs = opts.stopTimeoutMs ?? 5_000;
  const storeDir = await mkdtemp(join(tmpdir(), 'ledarsteg-nats-'));
  const port = await freePort();
  let current: Running | null;
  try {
    current = await launch(binary, port, storeDir, startTimeoutMs);
  } catch (err) {
    await rm(storeDir, { recursive: true, force: true });
    throw err;
  }
  let stopped = false;
  const server: NatsTestServer = {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    async stop() {
      if (current) await terminate(current.child, stopTimeoutMs);
      current = null;
      if (stopped) return;
      stopped = true;
      await rm(storeDir, { recursive: true, force: true });
    },
    async pause() {
      if (stopped) throw new Error('nats-server was stopped; it cannot be paused');
      if (current) await terminate(current.child, stopTimeoutMs);
      current = null;
    },
    async restart() {
      await server.pause();
      current = await launch(binary, port, storeDir, startTimeoutMs);
    },
    async freeze() {
      if (!current) throw new Error('nats-server is not running; it cannot be frozen');
      const pid = current.child.pid as number;
      current.child.kill('SIGSTOP');
      // The signal is only sent when kill() returns; a server thread busy on another core may answer a moment longer.
      const deadline = Date.now() + 5_000;
      while ((await processState(pid)) !== 'T') {
        if (Date.now() > deadline) throw new Error(`nats-server (pid ${pid}) did not stop after SIGSTOP`);
        await sleep(5);
      }
    },
    thaw() {
      current?.child.kill('SIGCONT');
    },
  };
  opts.t?.teardown(() => server.stop());
  return server;
}

export interface NatsForTest {
  url: string;
  /**
   * Unique per call. On a shared server (NATS_URL) this prefix is the only isolation: pass it to
   * ensureStreams/publishers/consumers so streams (`<prefix>_NAME`), subjects (`<prefix>.…`) and
   * durable consumers never collide with another test's.
   */
  prefix: string;
  /** Our own server, or undefined when NATS_URL points at a shared one (which tests must not stop). */
  server: NatsTestServer | undefined;
}

/** A NATS URL for one test: NATS_URL if set (shared server, isolated by prefix), else a fresh private server. */
export async function natsForTest(t?: TeardownHost, opts: Omit<NatsServerOptions, 't'> = {}): Promise<NatsForTest> {
  const prefix = `t${randomBytes(5).toString('hex')}`;
  const shared = process.env['NATS_URL'];
  if (shared) return { url: shared, prefix, server: undefined };
  const server = await startNatsServer(t ? { ...opts, t } : opts);
  return { url: server.url, prefix, server };
}
