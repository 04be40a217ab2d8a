import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cacheDir } from './paths';

/**
 * Prometheus's `promtool` (Prometheus 3.x; the Go module's versions are v0.3xx), which checks the
 * alert rules' PromQL and runs their unit tests. Optional: the deployment-files test uses it when it
 * is in the cache and says so when it is not. `npm run promtool:ensure` builds it there with
 * `go install` (about ten minutes and a few hundred MB of modules the first time).
 */
export const PROMTOOL_VERSION = 'v0.316.0';
const GO_PACKAGE = 'github.com/prometheus/prometheus/cmd/promtool';

export function cachedPromtool(): string | undefined {
  const file = path.join(cacheDir(), `promtool-${PROMTOOL_VERSION}`, 'promtool');
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return file;
  } catch {
    return undefined;
  }
}

/** The cached promtool, built into the cache first when it is not there yet. */
export function ensurePromtool(): string {
  const cached = cachedPromtool();
  if (cached) return cached;
  const target = path.join(cacheDir(), `promtool-${PROMTOOL_VERSION}`, 'promtool');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Built into a private folder and moved into place, so no one sees half a binary.
  const staging = fs.mkdtempSync(path.join(path.dirname(target), '.build-'));
  try {
    const go = ['/usr/local/go/bin/go', path.join(os.homedir(), 'go', 'bin', 'go')].find((file) => fs.existsSync(file)) ?? 'go';
    process.stderr.write(`[promtool] go install ${GO_PACKAGE}@${PROMTOOL_VERSION}; this takes several minutes\n`);
    const result = spawnSync(go, ['install', `${GO_PACKAGE}@${PROMTOOL_VERSION}`], {
      env: { ...process.env, GOBIN: staging, GOFLAGS: process.env.GOFLAGS ?? '-mod=mod' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (result.status !== 0) throw new Error(`go install failed (${result.error?.message ?? `exit code ${result.status}`})`);
    fs.renameSync(path.join(staging, 'promtool'), target);
    return target;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

if (require.main === module) {
  try {
    process.stdout.write(`${ensurePromtool()}\n`);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
