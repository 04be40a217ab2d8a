import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from './paths';

const PRISMA_BIN = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'prisma');
const SCHEMA = path.join(PROJECT_ROOT, 'prisma', 'schema.prisma');
const MIGRATIONS = path.join(PROJECT_ROOT, 'prisma', 'migrations');

function runPrisma(args: string[], databaseUrl: string): string {
  const result = spawnSync(PRISMA_BIN, args, {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
  });
  if (result.status !== 0) {
    throw new Error(`prisma ${args.join(' ')} failed:\n${result.stderr || result.stdout}`);
  }
  return result.stdout;
}

/** Applies every committed migration that the database does not have yet (safe to repeat). */
export function migrateDeploy(databaseUrl: string): void {
  runPrisma(['migrate', 'deploy'], databaseUrl);
}

/** The SQL that builds the working schema from nothing, for the migrations-match-schema test. */
export function schemaFromEmptySql(databaseUrl: string, schemaFile = SCHEMA): string {
  return runPrisma(['migrate', 'diff', '--from-empty', '--to-schema-datamodel', schemaFile, '--script'], databaseUrl);
}

/**
 * Writes prisma/migrations/<timestamp>_<name>/migration.sql from the difference between the
 * schema in the last commit and the working one. (`prisma migrate dev` needs a downloaded engine
 * and a shadow database; a datamodel-to-datamodel diff needs neither. Prisma's driver adapter
 * still opens a connection, so a reachable database is needed, though it is not changed.)
 */
export function newMigration(name: string, databaseUrl: string): string | undefined {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error('Name the migration in snake_case, e.g. add_funding_round_tiers');
  const committed = spawnSync('git', ['show', 'HEAD:prisma/schema.prisma'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'grantflow-migration-'));
  try {
    let from = ['--from-empty'];
    if (committed.status === 0) {
      const previous = path.join(tmp, 'schema.prisma');
      fs.writeFileSync(previous, committed.stdout);
      from = ['--from-schema-datamodel', previous];
    }
    const sql = runPrisma(['migrate', 'diff', ...from, '--to-schema-datamodel', SCHEMA, '--script'], databaseUrl);
    if (!/^\s*[A-Z]/m.test(sql.replace(/^--.*$/gm, ''))) return undefined;
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const dir = path.join(MIGRATIONS, `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'migration.sql'), sql);
    return dir;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const [command, name] = process.argv.slice(2);
  const url = process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
  try {
    if (command === 'deploy') {
      if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL is required: the database to migrate');
      migrateDeploy(url);
      process.stdout.write('Migrations applied.\n');
    } else if (command === 'new' && name) {
      const dir = newMigration(name, url);
      process.stdout.write(dir ? `Wrote ${path.relative(PROJECT_ROOT, dir)}/migration.sql — read it before committing.\n` : 'The schema has not changed since the last commit: no migration written.\n');
    } else {
      throw new Error('Usage: npm run migrate            (apply migrations to $DATABASE_URL)\n       npm run migration:new -- <snake_case_name>   (needs a reachable PostgreSQL at $DATABASE_URL; it is read, not changed)');
    }
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
