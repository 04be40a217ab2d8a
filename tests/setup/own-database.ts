import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// Every test file works in a database of its own, a copy of the one the global setup migrated:
// suites run side by side, and one suite's rows (a payout run takes every pending payout, a
// list shows every round) must not meet another's.
const template = process.env.GRANTFLOW_TEST_TEMPLATE_DATABASE_URL;
const admin = process.env.GRANTFLOW_TEST_ADMIN_DATABASE_URL;
const readyCopies = process.env.GRANTFLOW_TEST_DATABASE_COPIES;

/** A copy the global setup made ahead (tests/setup/database-copies.ts), taken so no other file gets it. */
function takeReadyCopy(folder: string, templateUrl: string): string | undefined {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return undefined;
  }
  for (const name of names) {
    try {
      fs.unlinkSync(path.join(folder, name));
    } catch {
      continue; // another test file took it first
    }
    const url = new URL(templateUrl);
    url.pathname = `/${name}`;
    return url.toString();
  }
  return undefined;
}

if (template && admin) {
  // None ready (or none kept): a copy of its own, made before the file's code reads DATABASE_URL.
  process.env.DATABASE_URL =
    (readyCopies && takeReadyCopy(readyCopies, template)) ||
    execFileSync(process.execPath, [path.join(__dirname, 'clone-database.cjs')], {
      env: { ...process.env, TEMPLATE_DATABASE_URL: template, ADMIN_DATABASE_URL: admin },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }).trim();
}
