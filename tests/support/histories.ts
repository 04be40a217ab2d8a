import fs from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { loadConfig } from '../../lib/config';
import { isEncrypted } from '../../lib/payload-codec';
import { temporalPayloadCodec } from '../../lib/temporal';

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
  const fixture = await historyFixture(await handle.fetchHistory(), temporalPayloadCodec(loadConfig()));
  fs.mkdirSync(HISTORIES_DIR, { recursive: true });
  fs.writeFileSync(path.join(HISTORIES_DIR, `${name}.json`), `${JSON.stringify(fixture, null, 1)}\n`);
}

/** A history as a fixture file holds it: decrypted, since fixtures must replay under any later run's key. */
export async function historyFixture(history: temporal.api.history.v1.IHistory, codec: PayloadCodec): Promise<object> {
  return History.toObject(History.create(await decryptPayloads(history, codec)), OBJECT_OPTIONS);
}

/** Every encrypted payload anywhere in a history, replaced by its clear form. */
export async function decryptPayloads<T>(value: T, codec: PayloadCodec): Promise<T> {
  if (Array.isArray(value)) return (await Promise.all(value.map((item) => decryptPayloads(item, codec)))) as T;
  if (!value || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  if ('metadata' in value && isEncrypted(value as Payload)) return (await codec.decode([value as Payload]))[0] as T;
  const entries = await Promise.all(Object.entries(value).map(async ([key, item]) => [key, await decryptPayloads(item, codec)] as const));
  return Object.assign(Object.create(Object.getPrototypeOf(value)), Object.fromEntries(entries)) as T;
}

export function readHistory(file: string): temporal.api.history.v1.IHistory {
  return historyFromFixture(JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, file), 'utf8')));
}

export function historyFromFixture(fixture: object): temporal.api.history.v1.IHistory {
  return History.fromObject(fixture);
}
