import fs from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

export const HISTORIES_DIR = path.resolve(__dirname, '..', 'fixtures', 'histories');
const History = temporal.api.history.v1.History;

// protobufjs' own object form (enums by name, 64-bit numbers as strings, bytes as base64):
// readable in a diff and read back exactly by History.fromObject.
const OBJECT_OPTIONS = { longs: String, enums: String, bytes: String } as const;

/**
 * With RECORD_HISTORIES=1 (`npm run histories:record`), keeps a finished workflow's history as a
 * fixture; the replay test then runs every fixture against the current workflow code, so a change
 * that would break running cases fails the build.
 */
export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = History.create(await handle.fetchHistory());
  fs.mkdirSync(HISTORIES_DIR, { recursive: true });
  fs.writeFileSync(path.join(HISTORIES_DIR, `${name}.json`), `${JSON.stringify(History.toObject(history, OBJECT_OPTIONS), null, 1)}\n`);
}

export function readHistory(file: string): temporal.api.history.v1.IHistory {
  return History.fromObject(JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, file), 'utf8')));
}
