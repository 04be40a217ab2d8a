/** What the global setup started, handed to the global teardown (same process). */
export interface TestResources {
  tmpDir: string;
  adminDatabaseUrl?: string;
  databaseUrl?: string;
  cleanups: Array<() => Promise<void>>;
}
