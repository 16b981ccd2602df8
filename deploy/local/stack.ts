// Starts the four services as processes with their environment, waits until each is ready, stops them in order.
import { type ServiceProcess, spawnService, waitForStatus } from '@ledarsteg/testing';

export const SERVICES = ['calendar-sync', 'analyser', 'notifier', 'coach'] as const;
export type ServiceName = (typeof SERVICES)[number];

export const DEFAULT_PORTS: Record<ServiceName, number> = { 'calendar-sync': 3001, analyser: 3002, notifier: 3003, coach: 3004 };

/** The port of a service: <SERVICE>_PORT (e.g. CALENDAR_SYNC_PORT) if set, else its default. */
export function portOf(name: ServiceName, env: Record<string, string | undefined> = process.env): number {
  const given = env[`${name.toUpperCase().replace('-', '_')}_PORT`];
  return given ? Number(given) : DEFAULT_PORTS[name];
}

/** Each service promises to stop within 5 s of SIGTERM; past this one is killed. */
const STOP_CEILING_MS = 6_000;

/** Stops the processes side by side (each closes in order on its own), killing any that outlive the ceiling. */
export async function stopProcesses(processes: readonly ServiceProcess[]): Promise<void> {
  await Promise.all(processes.map((proc) => proc.stop('SIGTERM', STOP_CEILING_MS)));
}

export interface RunningStack {
  processes: ServiceProcess[];
  urls: Record<ServiceName, string>;
  stop(): Promise<void>;
}

export async function startStack(
  envFor: (name: ServiceName) => Record<string, string>,
  opts: { echo?: boolean; /** Filled as the processes are spawned, so a caller interrupted before they are ready can stop them. */ processes?: ServiceProcess[] } = {},
): Promise<RunningStack> {
  const processes: ServiceProcess[] = opts.processes ?? [];
  const urls = {} as Record<ServiceName, string>;
  for (const name of SERVICES) {
    const env = envFor(name);
    processes.push(spawnService(name, env, { echo: opts.echo ?? false }));
    urls[name] = `http://127.0.0.1:${env['PORT']}`;
  }
  const stop = () => stopProcesses(processes);
  try {
    await Promise.all(
      SERVICES.map(async (name, i) => {
        const proc = processes[i]!;
        const ready = waitForStatus(`${urls[name]}/readyz`, 200, 90_000);
        const died = proc.exited.then((code) => {
          throw new Error(`${name} exited (${code}) before it was ready:\n${proc.output().slice(-3000)}`);
        });
        await Promise.race([ready, died]);
      }),
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return { processes, urls, stop };
}
