import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { migrateDeploy, schemaFromEmptySql } from '../../infra/migrate';
import { createFreshDatabase, dropDatabase } from '../support/database';

// Everything that makes up the shape of the public schema, normalised to comparable text.
const CATALOG_QUERIES = {
  columns: `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length, numeric_precision, datetime_precision
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY 1, 2`,
  indexes: `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1, 2`,
  constraints: `SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS definition
                FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations' ORDER BY 1, 2`,
  enums: `SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
          JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' ORDER BY 1, 3`,
  sequences: `SELECT sequence_name, data_type FROM information_schema.sequences WHERE sequence_schema = 'public' ORDER BY 1`,
};

// Partial indexes written by hand in migrations: the schema language cannot express them.
const HAND_WRITTEN_INDEXES = ['applications_waiting_submitted_idx', 'screenings_not_passed_idx'];

async function describeSchema(url: string): Promise<Record<string, unknown[]>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const shape: Record<string, unknown[]> = {};
    for (const [name, sql] of Object.entries(CATALOG_QUERIES)) shape[name] = (await client.query(sql)).rows;
    return shape;
  } finally {
    await client.end();
  }
}

describe('database migrations', () => {
  const adminUrl = process.env.GRANTFLOW_TEST_ADMIN_DATABASE_URL!;
  const created: string[] = [];
  afterAll(async () => {
    for (const url of created) await dropDatabase(adminUrl, url);
  });

  // The run's database was built from nothing by the migrations alone (the global setup), and this
  // file works in an exact copy of it: that copy is what the migrations build.
  const fromMigrations = process.env.DATABASE_URL!;

  it('build the same database as prisma/schema.prisma describes', async () => {
    const fromSchema = await createFreshDatabase(adminUrl, 'grantflow_schema');
    created.push(fromSchema);

    const client = new Client({ connectionString: fromSchema });
    await client.connect();
    try {
      await client.query(schemaFromEmptySql(fromSchema));
    } finally {
      await client.end();
    }

    const migrated = await describeSchema(fromMigrations);
    const declared = await describeSchema(fromSchema);
    expect(migrated.columns!.length).toBeGreaterThan(10);
    const indexName = (row: unknown) => (row as { indexname: string }).indexname;
    expect(migrated.indexes!.map(indexName)).toEqual(expect.arrayContaining(HAND_WRITTEN_INDEXES));
    migrated.indexes = migrated.indexes!.filter((row) => !HAND_WRITTEN_INDEXES.includes(indexName(row)));
    expect(migrated).toEqual(declared);
  }, 180_000);

  it('can be applied twice without change (deploy is idempotent)', async () => {
    const once = await describeSchema(fromMigrations);
    migrateDeploy(fromMigrations);
    expect(await describeSchema(fromMigrations)).toEqual(once);
  }, 180_000);

  it('moves the deadlines of rounds still open from UTC midnight to the end of the Danish day they were shown as', async () => {
    const client = new Client({ connectionString: fromMigrations });
    await client.connect();
    try {
      const round = async (slug: string, closesAt: string, mode = 'continuous') =>
        (await client.query(
          `INSERT INTO funding_rounds (id, slug, name, budget_ore, max_amount_ore, opens_at, closes_at, mode, updated_at)
           VALUES (gen_random_uuid(), $1, $1, 100000, 10000, '2020-01-01T00:00:00Z', $2, $3, now()) RETURNING id`,
          [slug, closesAt, mode],
        )).rows[0].id as string;
      const ids = {
        utcMidnight: await round('utc-midnight', '2999-01-01T00:00:00Z'),
        utcMidnightSummer: await round('utc-midnight-summer', '2999-07-01T00:00:00Z'),
        utcEndOfDay: await round('utc-end-of-day', '2998-12-31T23:59:59Z'),
        atNoon: await round('at-noon', '2999-01-01T11:00:00Z'),
        closed: await round('closed', '2020-06-01T00:00:00Z'),
        deadlineWithApplications: await round('deadline-with-applications', '2999-01-01T00:00:00Z', 'deadline'),
      };
      await client.query(
        `INSERT INTO applications (id, round_id, status, organization_cvr, organization_name, organization_email, contact_name, contact_email, project_title,
           project_purpose, target_group, is_new_activity, volunteers, expected_participants, start_date, end_date, amount_requested_ore, submission, workflow_id, updated_at)
         VALUES (gen_random_uuid(), $1, 'IN_QUEUE', '13748136', 'F', 'f@example.dk', 'K', 'k@example.dk', 'T', 'P', 'lonely', true, 1, 1, '2999-02-01', '2999-03-01', 100, '{}', 'wf-deadline', now())`,
        [ids.deadlineWithApplications],
      );
      const migration = fs.readFileSync(path.resolve(__dirname, '../../prisma/migrations/20261202124500_round_deadlines_end_of_day/migration.sql'), 'utf8');
      await client.query(migration);
      // Applied again (as a repeated deploy would not, but a restore might): nothing moves further.
      await client.query(migration);
      const closing = async (id: string) => ((await client.query('SELECT closes_at FROM funding_rounds WHERE id = $1', [id])).rows[0].closes_at as Date).toISOString();
      expect(await closing(ids.utcMidnight)).toBe('2999-01-01T22:59:59.999Z');
      expect(await closing(ids.utcMidnightSummer)).toBe('2999-07-01T21:59:59.999Z');
      expect(await closing(ids.utcEndOfDay)).toBe('2999-01-01T22:59:59.999Z');
      expect(await closing(ids.atNoon)).toBe('2999-01-01T11:00:00.000Z');
      expect(await closing(ids.closed)).toBe('2020-06-01T00:00:00.000Z');
      expect(await closing(ids.deadlineWithApplications)).toBe('2999-01-01T00:00:00.000Z');
    } finally {
      await client.end();
    }
  }, 180_000);
});
