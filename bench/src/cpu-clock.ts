// Wall and CPU time of a piece of work: on a shared machine CPU time is what one core really spent on it.

export type Elapsed = { wallSeconds: number; cpuSeconds: number };

export type Stopwatch = { elapsed: () => Elapsed };

/** Starts measuring now; CPU time is this process's user + system time (all its threads, GC included). */
export function startStopwatch(): Stopwatch {
  const wallStart = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  return {
    elapsed: () => {
      const cpu = process.cpuUsage(cpuStart);
      return {
        wallSeconds: Number(process.hrtime.bigint() - wallStart) / 1e9,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
      };
    },
  };
}

/**
 * Runs `once` until at least `minCpuSeconds` of CPU time have been spent (and at least once), returning the
 * number of runs and the time they took. Counting CPU rather than wall time keeps runs comparable when other
 * processes share the cores.
 */
export function repeatFor(once: () => void, minCpuSeconds: number): Elapsed & { runs: number } {
  const watch = startStopwatch();
  let runs = 0;
  let spent: Elapsed;
  do {
    once();
    runs++;
    spent = watch.elapsed();
  } while (spent.cpuSeconds < minCpuSeconds);
  return { runs, ...spent };
}
