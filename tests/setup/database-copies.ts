import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

// Copies of the run's migrated database, made ahead of the test files that take them: the global
// setup keeps a few ready in the background, each announced by an empty file named after it in a
// folder; a test file takes one by deleting its file (only one deletion succeeds), so it need not
// wait about a second and a half for a copy of its own (tests/setup/own-database.ts). The names
// follow tests/setup/clone-database.cjs, so the teardown drops them with the others.

/** Copies kept ready: more than the jest workers can take between two copies being made. */
const READY = 4;
const POLL_MS = 100;

export interface DatabaseCopies {
  /** The folder own-database.ts takes copies from. */
  folder: string;
  /** Stops making copies, once the one being made (if any) is done. */
  stop(): Promise<void>;
}

/** Starts keeping copies ready; resolves once the first `initial` are. */
export async function keepDatabaseCopiesReady(options: { adminUrl: string; templateUrl: string; folder: string; initial?: number }): Promise<DatabaseCopies> {
  const template = decodeURIComponent(new URL(options.templateUrl).pathname.slice(1));
  fs.mkdirSync(options.folder, { recursive: true });
  const client = new Client({ connectionString: options.adminUrl });
  // A lost connection fails the copy being made, which ends the loop below (reported there); as an
  // unheard event it would end the whole run.
  client.on('error', () => undefined);
  await client.connect();
  const ready = () => fs.readdirSync(options.folder).length;

  async function makeCopy(): Promise<void> {
    const name = `${template}_f${crypto.randomBytes(4).toString('hex')}`;
    // A test file copying the template itself (none was ready) holds it briefly: try again.
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        break;
      } catch (error) {
        if (attempt >= 40 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
    fs.writeFileSync(path.join(options.folder, name), '');
  }

  while (ready() < (options.initial ?? 2)) await makeCopy();

  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      if (ready() < READY) await makeCopy();
      else await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  })().catch((error: Error) => {
    // The test files make their own copies again (more slowly); the run goes on.
    process.stderr.write(`[test setup] stopped making database copies ahead: ${error.message}\n`);
  });

  return {
    folder: options.folder,
    async stop() {
      stopped = true;
      await loop;
      await client.end();
    },
  };
}
