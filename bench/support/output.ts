import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../infra/paths';
import { percentile } from '../../domain/stats/percentile';

// What every benchmark prints and keeps: progress lines, a table, and a JSON file with the figures
// and the machine they were measured on.

export function log(message: string): void {
  process.stdout.write(`[bench] ${message}\n`);
}

export interface Machine {
  cores: number;
  memoryGiB: number;
  cpu: string;
  node: string;
  platform: string;
}

export function machine(): Machine {
  return {
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

/** The folder results are written to: BENCH_RESULTS_DIR, or bench/results (not committed). */
export function resultsFolder(): string {
  return path.resolve(process.env.BENCH_RESULTS_DIR ?? path.join(PROJECT_ROOT, 'bench', 'results'));
}

/** One line of the summary `npm run bench` prints: a figure beside the goal it chases. */
export interface Headline {
  figure: string;
  value: string;
  goal: string;
  /** Whether the goal was met; null where the figure has no goal of its own (a baseline, say). */
  met: boolean | null;
}

/** Writes `<name>-<timestamp>.json` (and `<name>-latest.json`; `<name>-cluster-…` on BENCH_TOPOLOGY=cluster) and says where. */
export function writeResults(benchmark: string, headlines: Headline[], figures: Record<string, unknown>): string {
  const folder = resultsFolder();
  const topology = process.env.BENCH_TOPOLOGY ?? 'dev';
  // Figures on the cluster sit beside the dev server's rather than replacing them.
  const name = topology === 'dev' ? benchmark : `${benchmark}-${topology}`;
  fs.mkdirSync(folder, { recursive: true });
  const measuredAt = new Date().toISOString();
  const body = JSON.stringify({ benchmark, topology, measuredAt, machine: machine(), loadAverage: os.loadavg(), headlines, ...figures }, null, 2) + '\n';
  const file = path.join(folder, `${name}-${measuredAt.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, body);
  fs.writeFileSync(path.join(folder, `${name}-latest.json`), body);
  log(`results written to ${path.relative(process.cwd(), file) || file}`);
  return file;
}

/** A Markdown table, so the figures can be pasted into bench/README.md as printed. */
export function markdownTable(rows: Record<string, string | number>[]): string {
  if (rows.length === 0) return '';
  const columns = Object.keys(rows[0]!);
  const numeric = columns.map((column) => rows.every((row) => typeof row[column] === 'number'));
  return [
    `| ${columns.join(' | ')} |`,
    `|${numeric.map((n) => (n ? '---:' : '---')).join('|')}|`,
    ...rows.map((row) => `| ${columns.map((column) => String(row[column] ?? '')).join(' | ')} |`),
  ].join('\n');
}

export function printTable(title: string, rows: Record<string, string | number>[]): void {
  const { cores, memoryGiB } = machine();
  const temporal = process.env.BENCH_TOPOLOGY === 'cluster' ? 'Temporal server on PostgreSQL' : 'Temporal dev server';
  process.stdout.write(`\n${title} (${cores} cores, ${memoryGiB} GiB, ${temporal})\n\n${markdownTable(rows)}\n\n`);
}

export async function timed<T>(what: string, work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await work();
  const seconds = (performance.now() - started) / 1000;
  log(`${what}: ${seconds.toFixed(1)} s`);
  return { value, seconds };
}

/** Latency columns for a table row: the chosen percentiles and the maximum, in ms to one decimal. */
export function latencyColumns(milliseconds: readonly number[], percentiles: readonly number[] = [50, 95]): Record<string, number> {
  const columns: Record<string, number> = {};
  for (const p of percentiles) columns[`p${p} ms`] = round1(percentile(milliseconds, p / 100) ?? Number.NaN);
  columns['max ms'] = round1(milliseconds.length > 0 ? Math.max(...milliseconds) : Number.NaN);
  return columns;
}

export const round1 = (value: number) => Math.round(value * 10) / 10;

/** Runs a benchmark's main function; a failure prints its stack and exits non-zero. */
export function runBenchmark(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
