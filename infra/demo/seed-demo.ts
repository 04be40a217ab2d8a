import { loadConfig, loadDotEnvIfPresent } from '../../lib/config';
import { createDatabase } from '../../lib/db';
import { seedDemoStatistics } from './demo-data';

// npm run seed:demo — fills a development database with a year of demo cases for the statistics.
// Uses DATABASE_URL, or the embedded PostgreSQL `npm start` runs. Never in production.

async function main(): Promise<void> {
  loadDotEnvIfPresent();
  const port = process.env.EMBEDDED_POSTGRES_PORT || '54329';
  const config = loadConfig({ ...process.env, NODE_ENV: process.env.NODE_ENV || 'development', DATABASE_URL: process.env.DATABASE_URL || `postgresql://postgres:grantflow-local@127.0.0.1:${port}/grantflow` });
  if (config.NODE_ENV === 'production') {
    process.stderr.write('seed:demo refuses to run with NODE_ENV=production: demo cases must never mix with real ones.\n');
    process.exit(1);
  }
  const db = createDatabase(config.DATABASE_URL);
  try {
    const result = await seedDemoStatistics(db);
    process.stdout.write(
      result.skipped
        ? 'The demo year is already there; nothing changed.\n'
        : `Seeded ${result.rounds} rounds, ${result.applications} applications and ${result.drafts} drafts. See /statistik.\n`,
    );
  } finally {
    await db.$disconnect();
  }
}

main().catch((error) => {
  process.stderr.write(`seed:demo failed: ${error instanceof Error ? error.message : String(error)}\n(Is the database running? Start it with npm start, or set DATABASE_URL.)\n`);
  process.exit(1);
});
