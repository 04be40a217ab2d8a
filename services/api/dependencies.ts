import type { Client } from '@temporalio/client';
import type { Config } from '../../lib/config';
import type { Database } from '../../lib/db';
import type { Logger } from '../../lib/logger';
import type { StaffAuthenticator } from '../../lib/staff-auth';
import type { VirusScanner } from '../../lib/virus-scanner';

/**
 * What the API server is built from (services/api/main.ts, the tests' stack). Its routers and
 * pages take these, plus what createApp builds once from them (the pages' PageDependencies).
 */
export interface AppDependencies {
  /** The validated configuration (limits, cookie and site settings the pages need). */
  config: Config;
  db: Database;
  authenticator: StaffAuthenticator;
  temporal: Client;
  taskQueue: string;
  publicBaseUrl: string;
  log: Logger;
  /** Scans every uploaded file before it is stored (VIRUS_SCANNER); none: files are not scanned. */
  virusScanner?: VirusScanner;
}
