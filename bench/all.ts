import fs from 'node:fs';
import path from 'node:path';
import { startProcess } from '../infra/child-process';
import { PROJECT_ROOT } from '../infra/paths';
import { log, machine, markdownTable, resultsFolder, runBenchmark, type Headline } from './support/output';

// npm run bench — every benchmark, one after the other (each alone on the machine, each with a
// stack of its own), then one table of the headline figures against their goals.
//
//   BENCH_ONLY         comma-separated subset, e.g. "letters,queue" (default: all, in the order below)
//   BENCH_TOPOLOGIES   the Temporal topologies screening and intake run on, one after the other
//                      (default "dev,cluster": the dev server, then the Temporal server on PostgreSQL)
//
// Every benchmark's own knobs (BENCH_SCALE, BENCH_OPEN_CASES …) pass through; see bench/README.md.

const BENCHMARKS = ['letters', 'queue', 'screening', 'intake', 'open-cases', 'stats'] as const;
/** The benchmarks whose figures depend on the Temporal topology: they run once on each. */
const PER_TOPOLOGY: readonly string[] = ['screening', 'intake'];
const TOPOLOGIES = ['dev', 'cluster'] as const;
type Topology = (typeof TOPOLOGIES)[number];

/**
 * Screening runs twice on each topology: at its default 20/s for the latency goals, then at the
 * pipeline's goal rate, where only a measured rate can say whether the pipeline carries it.
 */
const VARIANTS: Record<string, { label: string; env: Record<string, string> }[]> = {
  screening: [
    { label: '', env: {} },
    { label: 'at 30/s', env: { BENCH_SCREENING_RATE: '30' } },
  ],
};

interface Outcome {
  name: string;
  label: string;
  topology: Topology;
  exitCode: number | null;
  seconds: number;
  headlines: Headline[];
}

function latestHeadlines(name: string, topology: Topology, since: number): Headline[] {
  const file = path.join(resultsFolder(), `${topology === 'dev' ? name : `${name}-${topology}`}-latest.json`);
  if (!fs.existsSync(file) || fs.statSync(file).mtimeMs < since) return [];
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { headlines?: Headline[] }).headlines ?? [];
}

async function run(name: string, topology: Topology, variant: { label: string; env: Record<string, string> }): Promise<Outcome> {
  log(`— ${name}${variant.label ? ` ${variant.label}` : ''}${topology === 'dev' ? '' : ` (${topology})`} —`);
  const started = Date.now();
  const child = startProcess(name, process.execPath, ['--import', 'tsx', path.join('bench', `${name}.ts`)], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...variant.env, BENCH_TOPOLOGY: topology },
  });
  const exitCode = await child.exited;
  return { name, label: variant.label, topology, exitCode, seconds: (Date.now() - started) / 1000, headlines: latestHeadlines(name, topology, started) };
}

function topologies(): Topology[] {
  const chosen = (process.env.BENCH_TOPOLOGIES ?? TOPOLOGIES.join(',')).split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = chosen.filter((name) => !(TOPOLOGIES as readonly string[]).includes(name));
  if (unknown.length > 0 || chosen.length === 0) throw new Error(`BENCH_TOPOLOGIES must list ${TOPOLOGIES.join(' and/or ')}, not "${process.env.BENCH_TOPOLOGIES}"`);
  return chosen as Topology[];
}

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = only?.filter((name) => !(BENCHMARKS as readonly string[]).includes(name)) ?? [];
  if (unknown.length > 0) throw new Error(`Unknown benchmark(s) in BENCH_ONLY: ${unknown.join(', ')}; known: ${BENCHMARKS.join(', ')}`);
  const onTopologies = topologies();
  const outcomes: Outcome[] = [];
  for (const name of BENCHMARKS) {
    if (only && !only.includes(name)) continue;
    for (const topology of PER_TOPOLOGY.includes(name) ? onTopologies : (['dev'] as const)) {
      for (const variant of VARIANTS[name] ?? [{ label: '', env: {} }]) outcomes.push(await run(name, topology, variant));
    }
  }

  const rows = outcomes.flatMap((outcome) => {
    const named = `${outcome.name}${outcome.label ? ` ${outcome.label}` : ''}`;
    const benchmark = PER_TOPOLOGY.includes(outcome.name) ? `${named} (${outcome.topology === 'dev' ? 'dev server' : 'cluster'})` : named;
    return outcome.headlines.length > 0
      ? outcome.headlines.map((h) => ({ benchmark, figure: h.figure, value: h.value, goal: h.goal, met: h.met === null ? '–' : h.met ? 'yes' : 'no' }))
      : [{ benchmark, figure: `failed (exit code ${outcome.exitCode})`, value: '', goal: '', met: 'no' }];
  });
  const { cores, memoryGiB, cpu } = machine();
  process.stdout.write(`\nAll benchmarks — ${new Date().toISOString().slice(0, 10)}, ${cores} cores, ${memoryGiB} GiB, ${cpu}\n\n${markdownTable(rows)}\n\n`);
  log(`took ${outcomes.map((o) => `${o.name}${o.label ? ` ${o.label}` : ''}${o.topology === 'dev' ? '' : ` (${o.topology})`} ${Math.round(o.seconds)} s`).join(', ')}`);
  if (outcomes.some((o) => o.exitCode !== 0)) process.exitCode = 1;
}

runBenchmark(main);
