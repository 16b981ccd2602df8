// Starts the four services as processes with their environment, waits until each is ready, stops them in order.
import { type ServiceProcess, spawnService, waitForStatus } from '@ledarsteg/testing';

export const SERVICES = ['calendar-sync', 'analyser', 'notifier', 'coach'] as const;
export type ServiceName = (typeof SERVICES)[number];

export const DEFAULT_PORTS: Record<ServiceName, number> = { 'calendar-sync': 3001, analyser: 3002, notifier: 3003, coach: 3004 };

export interface RunningStack {
  processes: ServiceProcess[];
  urls: Record<ServiceName, string>;
  stop(): Promise<void>;
}

export async function startStack(envFor: (name: ServiceName) => Record<string, string>, opts: { echo?: boolean } = {}): Promise<RunningStack> {
  const processes: ServiceProcess[] = [];
  const urls = {} as Record<ServiceName, string>;
  for (const name of SERVICES) {
    const env = envFor(name);
    processes.push(spawnService(name, env, { echo: opts.echo ?? false }));
    urls[name] = `http://127.0.0.1:${env['PORT']}`;
  }
  const stop = async () => {
    // Reverse order: the entry point (calendar-sync) stops taking requests last.
    for (const proc of [...processes].reverse()) await proc.stop('SIGTERM');
  };
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
