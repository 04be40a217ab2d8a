import fs from 'node:fs';

// Where the CPU goes while a benchmark runs: the processor time of every process under this one
// (grantflow's worker, mailer and API, the Temporal dev server or server, PostgreSQL and its backends, the
// load generator's helpers), grouped by what each process is. Read from /proc (Linux); elsewhere
// the figures are simply absent.

const CLOCK_TICKS_PER_SECOND = 100;

interface ProcessInfo {
  pid: number;
  parent: number;
  cpuSeconds: number;
  command: string;
}

function readProcess(pid: number): ProcessInfo | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may contain spaces; the fields after it are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const command = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    return { pid, parent: Number(fields[1]), cpuSeconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND, command };
  } catch {
    return undefined;
  }
}

function component(command: string): string {
  if (command.includes('services/worker/')) return 'grantflow worker';
  if (command.includes('services/api/')) return 'grantflow API';
  if (command.includes('services/mailer/')) return 'grantflow mailer';
  if (command.includes('start-dev')) return 'Temporal dev server';
  if (command.includes('temporal-server-v')) return 'Temporal server';
  // A backend's title names its database ("postgres: user database host state"): the Temporal
  // server's databases sit on the same PostgreSQL as grantflow's in the cluster topology.
  if (/^postgres: \S+ \S+_temporal(_visibility)? /.test(command)) return 'PostgreSQL (Temporal databases)';
  if (/postgres/.test(command)) return 'PostgreSQL';
  return BENCHMARK_HELPERS;
}

const LOAD_GENERATOR = 'benchmark process (load generator)';
const BENCHMARK_HELPERS = 'other (benchmark helpers)';
/**
 * The load generator (with the in-process SMTP sink that stands in for the municipality's mail
 * server) and its helpers are counted in "all" but are not the service: a case's cost, against its
 * goal, is grantflow's processes, Temporal and PostgreSQL.
 */
const OUTSIDE_THE_SERVICE = [LOAD_GENERATOR, BENCHMARK_HELPERS];
const SERVICE = 'the service (all but the load generator and its helpers)';

/** CPU seconds used so far by this process's descendants, by component. */
export function cpuByComponent(): Record<string, number> {
  const all = fs.existsSync('/proc') ? fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map((name) => readProcess(Number(name))) : [];
  const processes = all.filter((info): info is ProcessInfo => info !== undefined);
  const children = new Map<number, ProcessInfo[]>();
  for (const info of processes) children.set(info.parent, [...(children.get(info.parent) ?? []), info]);
  const totals: Record<string, number> = {};
  const visit = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      const name = component(child.command);
      totals[name] = (totals[name] ?? 0) + child.cpuSeconds;
      visit(child.pid);
    }
  };
  visit(process.pid);
  totals[LOAD_GENERATOR] = readProcess(process.pid)?.cpuSeconds ?? 0;
  return totals;
}

/** CPU milliseconds per unit of work between two readings, largest first, as table rows. */
export function cpuPerUnit(before: Record<string, number>, after: Record<string, number>, units: number, unitName: string): Record<string, string | number>[] {
  const rows = Object.keys(after)
    .map((name) => ({ process: name, seconds: (after[name] ?? 0) - (before[name] ?? 0) }))
    .filter((row) => row.seconds > 0)
    .sort((a, b) => b.seconds - a.seconds);
  const total = rows.reduce((sum, row) => sum + row.seconds, 0);
  const service = rows.filter((row) => !OUTSIDE_THE_SERVICE.includes(row.process)).reduce((sum, row) => sum + row.seconds, 0);
  const summary = (process: string, seconds: number) => ({ process, 'CPU s': Math.round(seconds * 10) / 10, [`CPU ms per ${unitName}`]: Math.round((seconds * 1000) / units) });
  return [...rows.map((row) => summary(row.process, row.seconds)), summary(SERVICE, service), summary('all', total)];
}

/**
 * The service's row of a cpuPerUnit table (every process but the load generator and its helpers)
 * and its parts, as one line: "worker 22, Temporal dev server 24, …".
 */
export function cpuPerCase(rows: Record<string, string | number>[]): { total: number; breakdown: string } {
  const perCase = (row: Record<string, string | number>) => Number(row['CPU ms per case'] ?? 0);
  const service = rows.find((row) => row.process === SERVICE);
  const parts = rows
    .filter((row) => ![SERVICE, 'all', ...OUTSIDE_THE_SERVICE].includes(String(row.process)) && perCase(row) > 0)
    .map((row) => `${String(row.process).replace(/^grantflow /, '')} ${perCase(row)}`);
  return { total: service ? perCase(service) : 0, breakdown: parts.join(', ') };
}
