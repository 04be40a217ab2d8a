import fs from 'node:fs';
import { dropDatabaseAndCopies } from '../support/database';
import type { TestResources } from './resources';

export default async function globalTeardown(): Promise<void> {
  const resources = (globalThis as { __grantflow?: TestResources }).__grantflow;
  if (!resources) return;
  // No copy may be in the making while the copies are dropped.
  await resources.databaseCopies?.stop().catch((error) => process.stderr.write(`[test teardown] ${(error as Error).message}\n`));
  if (resources.adminDatabaseUrl && resources.databaseUrl) {
    await dropDatabaseAndCopies(resources.adminDatabaseUrl, resources.databaseUrl).catch((error) =>
      process.stderr.write(`[test teardown] could not drop the test databases: ${(error as Error).message}\n`),
    );
  }
  for (const cleanup of resources.cleanups.reverse()) {
    await cleanup().catch((error) => process.stderr.write(`[test teardown] ${(error as Error).message}\n`));
  }
  fs.rmSync(resources.tmpDir, { recursive: true, force: true });
}
