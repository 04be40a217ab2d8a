// What `npm start` and `npm run start:cluster` both do around the services: the development demo
// password, the demo year of statistics, the staff logins they print, and how a service starts.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, type Config } from '../lib/config';
import { startProcess, type ManagedProcess } from './child-process';
import { seedDemoStatisticsIfEmpty } from './demo/demo-data';
import { PROJECT_ROOT } from './paths';

/** One generated demo password per data folder, so it stays the same across restarts. */
export function localDemoPassword(dataDir: string): string {
  const file = path.join(dataDir, 'demo-password');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const password = crypto.randomBytes(12).toString('base64url');
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/**
 * Validates the services' configuration from `env` (in development with the folder's demo
 * password filled in, which the API seeds the demo staff with) and seeds a demo year for the
 * statistics into an empty database. The services read the payload key from the same DATA_DIR.
 */
export async function prepareLocalApplication(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  say: (line: string) => void,
): Promise<{ config: Config; demoPassword?: string }> {
  let demoPassword: string | undefined;
  if (env.NODE_ENV === 'development' && !env.GRANTFLOW_DEMO_PASSWORD) {
    env.GRANTFLOW_DEMO_PASSWORD = demoPassword = localDemoPassword(dataDir);
  }
  const config = loadConfig(env);
  // The demo year is a Danish municipality's (CVR numbers, § 18 rounds): a Norwegian demo starts without it.
  if (config.SEED_DEMO_DATA && config.JURISDICTION === 'DK') {
    // A year of demo cases, so the statistics have something to show (only into an empty database).
    const seeded = await seedDemoStatisticsIfEmpty(config.DATABASE_URL);
    if (seeded) say(`seeded a demo year for the statistics: ${seeded.applications} applications, ${seeded.drafts} drafts`);
  }
  return { config, demoPassword };
}

/** A path as people want to read it: relative inside the checkout, absolute outside it. */
export function shownPath(file: string): string {
  const relative = path.relative(PROJECT_ROOT, file);
  return relative.startsWith('..') ? file : relative;
}

export function printStaffLogins(say: (line: string) => void, config: Config, demoPassword: string | undefined, dataDir: string): void {
  if (!config.SEED_DEMO_DATA || !config.GRANTFLOW_DEMO_PASSWORD) return;
  say(`  staff logins: caseworker@, approver@, admin@, politician@grantflow.local`);
  if (demoPassword) say(`  demo password (generated, kept in ${shownPath(path.join(dataDir, 'demo-password'))}): ${demoPassword}`);
}

/** The services the launchers start, by name of their entry point. */
export const SERVICE_ENTRIES = {
  api: 'services/api/main.ts',
  worker: 'services/worker/main.ts',
  mailer: 'services/mailer/main.ts',
} as const;

export type ServiceKind = keyof typeof SERVICE_ENTRIES;

/** A grantflow service as a child process, in its own process group: Ctrl-C reaches the launcher, which stops services in order. */
export function startService(name: string, kind: ServiceKind, env: NodeJS.ProcessEnv, output: (line: string) => void): ManagedProcess {
  return startProcess(name, process.execPath, ['--import', 'tsx', SERVICE_ENTRIES[kind]], { env, cwd: PROJECT_ROOT, detached: true, output });
}

/** The log line each service writes once it runs (the API is ready when /healthz answers 200 instead). */
export const RUNNING_MARKERS: Record<Exclude<ServiceKind, 'api'>, string> = {
  worker: '"msg":"worker running"',
  mailer: '"msg":"mailer running"',
};
