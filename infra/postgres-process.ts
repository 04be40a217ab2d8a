import path from 'node:path';
import { startProcess } from './child-process';
import { PROJECT_ROOT } from './paths';
import { waitFor } from './ports';
import { READY_PREFIX } from './postgres-server';

export interface PostgresProcess {
  url: string;
  stop(): Promise<void>;
}

/** Starts embedded PostgreSQL in a child process and resolves with its connection string. */
export async function startPostgresProcess(options: { dataDir: string; port: number; database: string }): Promise<PostgresProcess> {
  let url: string | undefined;
  let log = '';
  const server = startProcess(
    'PostgreSQL',
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'postgres-server.ts'), options.dataDir, String(options.port), options.database],
    {
      cwd: PROJECT_ROOT,
      // Its own process group, so a Ctrl-C meant for the launcher does not stop it too early.
      detached: true,
      output: (line) => {
        if (line.startsWith(READY_PREFIX)) url = line.slice(READY_PREFIX.length).trim();
        else log = `${log}${line}\n`.slice(-4000);
      },
    },
  );
  const stop = () => server.stop(30_000);
  try {
    const ready = await Promise.race([
      waitFor('embedded PostgreSQL', async () => url, { timeoutMs: 120_000 }),
      server.exited.then((code): never => {
        throw new Error(`embedded PostgreSQL exited with code ${code}:\n${log}`);
      }),
    ]);
    return { url: ready, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
