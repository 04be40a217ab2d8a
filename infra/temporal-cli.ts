import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cacheDir } from './paths';
import { ensureDir, findGo, findOnPath, goInstall, isExecutable, type Progress } from './go-install';

/** The newest Temporal CLI whose go.mod has no `replace` directive, so `go install` accepts it. */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const GO_PACKAGE = 'github.com/temporalio/cli/cmd/temporal';

const defaultProgress: Progress = (line) => process.stderr.write(`[temporal-cli] ${line}\n`);

function cachedBinary(): string {
  return path.join(cacheDir(), `temporal-${TEMPORAL_CLI_VERSION}`, 'temporal');
}

/**
 * Finds the Temporal CLI, building or downloading it into the cache when needed:
 * $TEMPORAL_CLI → `temporal` on PATH → the cache → `go install` → the official release → error.
 */
export async function ensureTemporalCli(progress: Progress = defaultProgress): Promise<string> {
  const fromEnv = process.env.TEMPORAL_CLI;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`TEMPORAL_CLI=${fromEnv} is not an executable file`);
    return fromEnv;
  }
  const onPath = findOnPath('temporal');
  if (onPath) return onPath;
  const cached = cachedBinary();
  if (isExecutable(cached)) return cached;

  const failures: string[] = [];
  const go = findGo();
  if (go) {
    try {
      await goInstall(go, { packages: [`${GO_PACKAGE}@${TEMPORAL_CLI_VERSION}`], targetDir: path.dirname(cached), progress });
      return cached;
    } catch (error) {
      failures.push(`go install failed: ${(error as Error).message}`);
    }
  } else {
    failures.push('Go is not installed (needed to build the CLI from source)');
  }
  try {
    await downloadRelease(cached, progress);
    return cached;
  } catch (error) {
    failures.push(`release download failed: ${(error as Error).message}`);
  }
  throw new Error(
    `The Temporal CLI ${TEMPORAL_CLI_VERSION} could not be found or provisioned:\n  - ${failures.join('\n  - ')}\n` +
      'Install it (https://docs.temporal.io/cli), or install Go 1.23+ so it can be built, ' +
      'or set TEMPORAL_CLI to its path, or set TEMPORAL_ADDRESS to use a running Temporal server.',
  );
}

async function downloadRelease(target: string, progress: Progress): Promise<void> {
  const platform = process.platform === 'darwin' ? 'darwin' : 'linux';
  const arch = process.arch === 'arm64' ? 'arm64' : 'amd64';
  const url = `https://temporal.download/cli/archive/${TEMPORAL_CLI_VERSION}?platform=${platform}&arch=${arch}`;
  progress(`downloading ${url}`);
  const response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const dir = ensureDir(path.dirname(target));
  const archive = path.join(dir, 'temporal.tar.gz');
  fs.writeFileSync(archive, Buffer.from(await response.arrayBuffer()));
  const untar = spawnSync('tar', ['-xzf', archive, '-C', dir, 'temporal'], { encoding: 'utf8' });
  fs.rmSync(archive, { force: true });
  if (untar.status !== 0) throw new Error(`tar: ${untar.stderr}`);
  fs.chmodSync(target, 0o755);
}

if (require.main === module) {
  ensureTemporalCli()
    .then((binary) => process.stdout.write(`${binary}\n`))
    .catch((error: Error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    });
}
