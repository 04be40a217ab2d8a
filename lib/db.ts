import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../prisma/generated/client';

export type Database = PrismaClient;
export { Prisma } from '../prisma/generated/client';

export function createDatabase(databaseUrl: string, options: { connectionTimeoutMillis?: number } = {}): Database {
  const adapter = new PrismaPg({
    connectionString: databaseUrl,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5_000,
  });
  return new PrismaClient({ adapter });
}

/**
 * A small pool of plain connections for the few statements that run on every request and need no
 * ORM (the rate limits' counters): each costs one prepared statement instead of Prisma compiling
 * its queries. Idle connections close on their own, so a process exits without closing it.
 */
export function createSqlPool(databaseUrl: string, options: { max?: number; connectionTimeoutMillis?: number } = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.max ?? 4,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5_000,
    idleTimeoutMillis: 10_000,
    allowExitOnIdle: true,
  });
  // An idle connection the server ended (a restart, an administrator) is dropped from the pool and
  // the next query opens a new one; unhandled, the event would end the process.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Runs `work` in one transaction on a plain connection: committed when it returns, rolled back when
 * it throws (and the error passed on).
 */
export async function inSqlTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A connection that cannot even roll back is closed rather than handed to the next request.
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

/**
 * True when the database was too busy to take the work: no connection came free in time (the pool's
 * wait, Prisma's P2024) or an interactive transaction could not start within its wait (P2028).
 * Nothing of that request's transaction ran, so the caller may send it again.
 */
export function isDatabaseBusy(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (code === 'P2024' || code === 'P2028') return true;
    if (typeof message === 'string' && /timeout exceeded when trying to connect|Unable to start a transaction in the given time/i.test(message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * True when a write broke a unique constraint (another writer got there first): Prisma's P2002, or
 * PostgreSQL's own 23505 from a plain connection.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === 'P2002' || code === '23505';
}
