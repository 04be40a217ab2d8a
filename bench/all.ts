import fs from 'node:fs';
import path from 'node:path';
import { startProcess } from '../infra/child-process';
import { PROJECT_ROOT } from '../infra/paths';
import { log, machine, markdownTable, resultsFolder, runBenchmark, type Headline } from './support/output';

// npm run bench — every benchmark, one after the other (each alone on the machine, each with a
// stack of its own), then one table of the headline figures against their goals.
//
//   BENCH_ONLY   comma-separated subset, e.g. "letters,queue" (default: all, in the order below)
//
// Every benchmark's own knobs (BENCH_SCALE, BENCH_OPEN_CASES …) pass through; see bench/README.md.

const BENCHMARKS = ['letters', 'queue', 'screening', 'intake', 'open-cases', 'stats'] as const;

interface Outcome {
  name: string;
  exitCode: number | null;
  seconds: number;
  headlines: Headline[];
}

function latestHeadlines(name: string, since: number): Headline[] {
  const file = path.join(resultsFolder(), `${name}-latest.json`);
  if (!fs.existsSync(file) || fs.statSync(file).mtimeMs < since) return [];
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { headlines?: Headline[] }).headlines ?? [];
}

async function run(name: string): Promise<Outcome> {
  log(`— ${name} —`);
  const started = Date.now();
  const child = startProcess(name, process.execPath, ['--import', 'tsx', path.join('bench', `${name}.ts`)], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exitCode = await child.exited;
  return { name, exitCode, seconds: (Date.now() - started) / 1000, headlines: latestHeadlines(name, started) };
}

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = only?.filter((name) => !(BENCHMARKS as readonly string[]).includes(name)) ?? [];
  if (unknown.length > 0) throw new Error(`Unknown benchmark(s) in BENCH_ONLY: ${unknown.join(', ')}; known: ${BENCHMARKS.join(', ')}`);
  const outcomes: Outcome[] = [];
  for (const name of BENCHMARKS) if (!only || only.includes(name)) outcomes.push(await run(name));

  const rows = outcomes.flatMap((outcome) =>
    outcome.headlines.length > 0
      ? outcome.headlines.map((h) => ({ benchmark: outcome.name, figure: h.figure, value: h.value, goal: h.goal, met: h.met === null ? '–' : h.met ? 'yes' : 'no' }))
      : [{ benchmark: outcome.name, figure: `failed (exit code ${outcome.exitCode})`, value: '', goal: '', met: 'no' }],
  );
  const { cores, memoryGiB, cpu } = machine();
  process.stdout.write(`\nAll benchmarks — ${new Date().toISOString().slice(0, 10)}, ${cores} cores, ${memoryGiB} GiB, ${cpu}\n\n${markdownTable(rows)}\n\n`);
  log(`took ${outcomes.map((o) => `${o.name} ${Math.round(o.seconds)} s`).join(', ')}`);
  if (outcomes.some((o) => o.exitCode !== 0)) process.exitCode = 1;
}

runBenchmark(main);
