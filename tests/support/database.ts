import crypto from 'node:crypto';
import { Client } from 'pg';

/** Connection string of the same server, another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the server at adminUrl; returns its connection string. */
export async function createFreshDatabase(adminUrl: string, prefix: string): Promise<string> {
  const name = `${prefix}_${Date.now().toString(36)}_${crypto.randomBytes(3).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  return withDatabase(adminUrl, name);
}

export async function dropDatabase(adminUrl: string, url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/** How many copies are dropped at once: each DROP DATABASE waits for a checkpoint, which concurrent drops share. */
const PARALLEL_DROPS = 8;

/** The run's database and every test file's copy of it (named after it, tests/setup/clone-database.cjs). */
export async function dropDatabaseAndCopies(adminUrl: string, url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  let copies: string[];
  try {
    const found = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${name.replace(/_/g, '\\_')}\\_f%`]);
    copies = found.rows.map((row) => row.datname);
  } finally {
    await client.end();
  }
  // One after another, each of a run's 160-odd drops waits for a checkpoint of its own: 0.2 s on a
  // quiet server, 1.5 to 5 s on a busy one.
  await Promise.all(
    Array.from({ length: PARALLEL_DROPS }, async () => {
      for (let copy = copies.pop(); copy !== undefined; copy = copies.pop()) await dropDatabase(adminUrl, withDatabase(adminUrl, copy));
    }),
  );
  await dropDatabase(adminUrl, url);
}
