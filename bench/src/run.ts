// `npm run bench`: runs every bench/src/*-bench.ts in turn, prints one Markdown report, writes results/<name>.json each.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchRun } from './bench-result.js';
import { describe, machineInfo, writeResult } from './bench-report.js';

const here = dirname(fileURLToPath(import.meta.url));
// Optional filter: `npm run bench -- insight` runs only benchmarks whose file name contains "insight".
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => /^[a-z0-9-]+-bench\.ts$/.test(f))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

if (files.length === 0) {
  console.error(`no benchmark matched ${only.join(', ') || '*-bench.ts'} in ${here}`);
  process.exit(1);
}

let failed = 0;
console.log('# Benchmarks\n');
for (const file of files) {
  // One at a time: benchmarks sharing the cores would measure each other.
  try {
    const mod = (await import(pathToFileURL(join(here, file)).href)) as { run?: BenchRun };
    if (typeof mod.run !== 'function') throw new Error('exports no run(): Promise<BenchResult>');
    const before = machineInfo();
    const result = await mod.run();
    const after = machineInfo();
    console.log(`${describe(result, before, after)}\n`);
    console.log(`written ${writeResult(result, before, after)}\n`);
  } catch (error) {
    failed++;
    console.error(`${file} failed:`, error);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
