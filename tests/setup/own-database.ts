import { execFileSync } from 'node:child_process';
import path from 'node:path';

// Every test file works in a database of its own, a copy of the one the global setup migrated:
// suites run side by side, and one suite's rows (a payout run takes every pending payout, a
// list shows every round) must not meet another's.
const template = process.env.GRANTFLOW_TEST_TEMPLATE_DATABASE_URL;
const admin = process.env.GRANTFLOW_TEST_ADMIN_DATABASE_URL;
if (template && admin) {
  process.env.DATABASE_URL = execFileSync(process.execPath, [path.join(__dirname, 'clone-database.cjs')], {
    env: { ...process.env, TEMPLATE_DATABASE_URL: template, ADMIN_DATABASE_URL: admin },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
}
