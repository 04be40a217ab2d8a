import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cacheDir } from './paths';

/**
 * Validators for the deployment files that are built from source with Go: Prometheus's `promtool`
 * (checks the alert rules' PromQL and runs their unit tests; Prometheus 3.x is the Go module's
 * v0.3xx) and `kustomize` (builds the Kubernetes manifests and their Temporal Cloud overlay).
 * Optional: the deployment-file tests use them when they are in the cache and say so when not.
 * `npm run go-tools:ensure` builds them there (several minutes and a few hundred MB of modules the
 * first time). kustomize 5.7.1 is the newest that builds with Go 1.26.
 */
export const GO_TOOLS = {
  promtool: { version: 'v0.316.0', goPackage: 'github.com/prometheus/prometheus/cmd/promtool' },
  kustomize: { version: 'v5.7.1', goPackage: 'sigs.k8s.io/kustomize/kustomize/v5' },
} as const;
export type GoTool = keyof typeof GO_TOOLS;

function cachePath(tool: GoTool): string {
  return path.join(cacheDir(), `${tool}-${GO_TOOLS[tool].version}`, tool);
}

/** The tool's binary when it is in the cache. */
export function cachedGoTool(tool: GoTool): string | undefined {
  const file = cachePath(tool);
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return file;
  } catch {
    return undefined;
  }
}

/** The cached tool, built into the cache with `go install` first when it is not there yet. */
export function ensureGoTool(tool: GoTool): string {
  const cached = cachedGoTool(tool);
  if (cached) return cached;
  const { version, goPackage } = GO_TOOLS[tool];
  const target = cachePath(tool);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Built into a private folder and moved into place, so no one sees half a binary.
  const staging = fs.mkdtempSync(path.join(path.dirname(target), '.build-'));
  try {
    const go = ['/usr/local/go/bin/go', path.join(os.homedir(), 'go', 'bin', 'go')].find((file) => fs.existsSync(file)) ?? 'go';
    process.stderr.write(`[go-tools] go install ${goPackage}@${version}; this takes several minutes\n`);
    const result = spawnSync(go, ['install', `${goPackage}@${version}`], {
      env: { ...process.env, GOBIN: staging, GOFLAGS: process.env.GOFLAGS ?? '-mod=mod' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (result.status !== 0) throw new Error(`go install ${goPackage}@${version} failed (${result.error?.message ?? `exit code ${result.status}`})`);
    fs.renameSync(path.join(staging, tool), target);
    return target;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

if (require.main === module) {
  try {
    for (const tool of Object.keys(GO_TOOLS) as GoTool[]) process.stdout.write(`${ensureGoTool(tool)}\n`);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
