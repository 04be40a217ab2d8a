import { seconds } from '../support/case-checks';
import type { FaultRecord } from './chaos-faults';

/** The closing table: each fault injected (when, how long until the part was back) and each check, expected against seen. */
export function chaosTable(run: { seed: number; cases: number; faults: FaultRecord[]; outcomes: Array<[string, number, number]>; notes: string[] }): string {
  const pad = (text: string, width: number) => text.padEnd(width);
  const faultRows = run.faults
    .slice()
    .sort((a, b) => a.atMs - b.atMs)
    .map((fault) => [fault.fault, seconds(fault.atMs), fault.backAtMs === undefined ? 'not back' : `back after ${seconds(fault.backAtMs - fault.atMs)}`, fault.detail]);
  const counts = new Map<string, number>();
  for (const fault of run.faults) counts.set(fault.fault, (counts.get(fault.fault) ?? 0) + 1);
  const lines = [
    `chaos suite — seed ${run.seed}, ${run.cases} cases (CHAOS_SEED=${run.seed} repeats the fault plan)`,
    '',
    `${pad('fault', 34)}${pad('at', 10)}${pad('recovery', 22)}trigger`,
    ...faultRows.map(([fault, at, back, detail]) => `${pad(fault!, 34)}${pad(at!, 10)}${pad(back!, 22)}${detail}`),
    '',
    `${pad('fault', 34)}count`,
    ...[...counts].map(([fault, count]) => `${pad(fault, 34)}${count}`),
    '',
    `${pad('check', 50)}${pad('expected', 10)}${pad('seen', 10)}`,
    ...run.outcomes.map(([check, expected, seen]) => `${pad(check, 50)}${pad(String(expected), 10)}${pad(String(seen), 10)}${expected === seen ? 'ok' : 'FAIL'}`),
    '',
    ...run.notes.map((note) => `  ${note}`),
  ];
  return lines.join('\n');
}
