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

  it('build the same database as prisma/schema.prisma describes', async () => {
    const fromMigrations = await createFreshDatabase(adminUrl, 'grantflow_migrations');
    const fromSchema = await createFreshDatabase(adminUrl, 'grantflow_schema');
    created.push(fromMigrations, fromSchema);

    migrateDeploy(fromMigrations);
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
    const url = await createFreshDatabase(adminUrl, 'grantflow_redeploy');
    created.push(url);
    migrateDeploy(url);
    const once = await describeSchema(url);
    migrateDeploy(url);
    expect(await describeSchema(url)).toEqual(once);
  }, 180_000);
});
