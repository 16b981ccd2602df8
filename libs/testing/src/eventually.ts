// Waits for an asynchronous outcome (a message consumed, a document written) without fixed sleeps.
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Calls `probe` until it returns a value other than undefined/false, or throws after `timeoutMs`
 * with the last error. Generous timeouts: this bounds a hang, it does not measure speed.
 */
export async function eventually<T>(
  probe: () => Promise<T> | T,
  opts: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<Exclude<T, undefined | false | null>> {
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false && value !== null) return value as Exclude<T, undefined | false | null>;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${opts.what ?? 'a condition'}`, { cause: lastError });
    }
    await sleep(opts.intervalMs ?? 50);
  }
}
