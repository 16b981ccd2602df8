// Prints a benchmark result as a Markdown table and stores it with the machine it ran on in bench/results/<name>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResult, BenchValue } from './bench-result.js';

export const RESULTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../results');

export type MachineInfo = {
  cpuModel: string;
  cores: number;
  /** 1, 5 and 15 minute load averages; above ~0.5 per core, other processes shared the CPU. */
  loadAverage: number[];
  node: string;
  platform: string;
  date: string;
};

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    date: new Date().toISOString(),
  };
}

function cell(value: BenchValue | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'number' ? value.toLocaleString('en-US') : value;
}

export function markdownTable(result: BenchResult): string {
  const header = `| ${result.columns.map((c) => c.label).join(' | ')} |`;
  const rule = `|${result.columns.map((c, i) => (i === 0 || typeof result.rows[0]?.[c.key] === 'number' ? '---:' : ':---')).join('|')}|`;
  const body = result.rows.map((row) => `| ${result.columns.map((c) => cell(row[c.key])).join(' | ')} |`);
  return [header, rule, ...body].join('\n');
}

/** Markdown section for one result: title, table, goal and notes, and the load it ran under. */
export function describe(result: BenchResult, before: MachineInfo, after: MachineInfo): string {
  const lines = [`## ${result.name}: ${result.title}`, '', markdownTable(result), ''];
  if (result.goal) lines.push(`Goal: ${result.goal.description} — ${result.goal.met ? 'met' : 'NOT met'}.`, '');
  for (const note of result.notes ?? []) lines.push(`- ${note}`);
  lines.push(
    `- ${before.cpuModel}, ${before.cores} cores, node ${before.node}; load average ${before.loadAverage.join(' / ')} before, ${after.loadAverage.join(' / ')} after.`,
  );
  return lines.join('\n');
}

/** Writes results/<name>.json and returns its path. */
export function writeResult(result: BenchResult, before: MachineInfo, after: MachineInfo): string {
  if (!/^[a-z0-9-]+$/.test(result.name)) throw new Error(`benchmark name must be kebab-case: ${result.name}`);
  const path = resolve(RESULTS_DIR, `${result.name}.json`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(path, `${JSON.stringify({ ...result, machine: { ...before, loadAverageAfter: after.loadAverage } }, null, 2)}\n`);
  return path;
}

/** Runs one benchmark, prints its section and writes its JSON: what `run.ts` does for each, and a bench file run alone. */
export async function reportStandalone(run: () => Promise<BenchResult>): Promise<BenchResult> {
  const before = machineInfo();
  const result = await run();
  const after = machineInfo();
  console.log(describe(result, before, after));
  console.log(`\nwritten ${writeResult(result, before, after)}`);
  return result;
}
