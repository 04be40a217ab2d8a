import type { DatabaseCopies } from './database-copies';

/** What the global setup started, handed to the global teardown (same process). */
export interface TestResources {
  tmpDir: string;
  adminDatabaseUrl?: string;
  databaseUrl?: string;
  /** Copies of the database kept ready for the test files (tests/setup/database-copies.ts). */
  databaseCopies?: DatabaseCopies;
  cleanups: Array<() => Promise<void>>;
}
