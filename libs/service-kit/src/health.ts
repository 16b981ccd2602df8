// Liveness and readiness: /healthz says the process is alive, /readyz that its dependencies answer.
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import fp from 'fastify-plugin';

/** A dependency check; it is given the deadline it must answer within, and counts as failed after it. */
export type ReadinessCheck = (timeoutMs: number) => boolean | Promise<boolean>;

export interface Readiness {
  /** Registers a named dependency check; /readyz is 200 only when all pass. */
  add(name: string, check: ReadinessCheck): void;
  /** How long each check may take before it counts as failed (READINESS_TIMEOUT_MS). */
  setTimeout(timeoutMs: number): void;
  report(): Promise<{ ready: boolean; checks: Record<string, boolean> }>;
}

declare module 'fastify' {
  interface FastifyInstance {
    readiness: Readiness;
  }
}

/** A probe's own timeout is typically a few seconds: /readyz answers well within it. */
export const DEFAULT_READINESS_TIMEOUT_MS = 1_500;

const Alive = Type.Object({ status: Type.Literal('ok') });
const Ready = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not ready')]),
  checks: Type.Record(Type.String(), Type.Boolean(), { description: 'each dependency and whether it answered' }),
});

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      Promise.resolve(timeoutMs).then(check),
      // The backstop for a check that ignores its deadline: a hung dependency must not hang the probe.
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      }),
    ]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export const healthPlugin = fp(
  async (app: FastifyInstance) => {
    const checks = new Map<string, ReadinessCheck>();
    let closing = false;
    let timeoutMs = DEFAULT_READINESS_TIMEOUT_MS;
    const readiness: Readiness = {
      add: (name, check) => void checks.set(name, check),
      setTimeout(ms) {
        timeoutMs = ms;
      },
      async report() {
        // Side by side: a probe takes at most one deadline, however many dependencies hang.
        const entries = await Promise.all([...checks].map(async ([name, check]) => [name, await runCheck(check, timeoutMs)] as const));
        const result = Object.fromEntries(entries);
        return { ready: !closing && entries.every(([, ok]) => ok), checks: result };
      },
    };
    app.decorate('readiness', readiness);
    // Once shutdown starts, tell load balancers to stop sending work before anything is torn down.
    app.addHook('preClose', async () => {
      closing = true;
    });
    app.get('/healthz', { logLevel: 'warn', schema: { description: 'The process is alive', response: { 200: Alive } } }, async () => ({ status: 'ok' }));
    app.get('/readyz', { logLevel: 'warn', schema: { description: 'NATS and the database answer', response: { 200: Ready, 503: Ready } } }, async (_req, reply) => {
      const { ready, checks: result } = await readiness.report();
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks: result });
    });
  },
  { name: '@ledarsteg/health', fastify: '5.x' },
);
