import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cacheDir } from './paths';

/** The newest Temporal CLI whose go.mod has no `replace` directive, so `go install` accepts it. */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const GO_PACKAGE = 'github.com/temporalio/cli/cmd/temporal';

type Progress = (line: string) => void;
const defaultProgress: Progress = (line) => process.stderr.write(`[temporal-cli] ${line}\n`);

function cachedBinary(): string {
  return path.join(cacheDir(), `temporal-${TEMPORAL_CLI_VERSION}`, 'temporal');
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function findOnPath(command: string, extraDirs: string[] = []): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), ...extraDirs].filter(Boolean);
  return dirs.map((dir) => path.join(dir, command)).find(isExecutable);
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
  const go = findOnPath('go', ['/usr/local/go/bin', path.join(os.homedir(), 'go', 'bin')]);
  if (go) {
    try {
      await goInstall(go, cached, progress);
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

async function goInstall(go: string, target: string, progress: Progress): Promise<void> {
  // Build into a private folder and move into place, so a concurrent caller never sees half a file.
  const staging = fs.mkdtempSync(path.join(ensureDir(path.dirname(target)), '.build-'));
  progress(`building ${GO_PACKAGE}@${TEMPORAL_CLI_VERSION} with ${go}; the first build takes several minutes`);
  const started = Date.now();
  const heartbeat = setInterval(
    () => progress(`still building (${Math.round((Date.now() - started) / 1000)} s)…`),
    20_000,
  );
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(go, ['install', '-v', `${GO_PACKAGE}@${TEMPORAL_CLI_VERSION}`], {
        env: { ...process.env, GOBIN: staging, GOFLAGS: process.env.GOFLAGS ?? '-mod=mod' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let packages = 0;
      let tail = '';
      const onOutput = (chunk: Buffer) => {
        const text = chunk.toString();
        tail = (tail + text).slice(-2000);
        for (const line of text.split('\n')) {
          if (!line.trim()) continue;
          packages += 1;
          if (packages % 100 === 0) progress(`compiled ${packages} packages…`);
        }
      };
      child.stdout.on('data', onOutput);
      child.stderr.on('data', onOutput);
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit code ${code}: ${tail.trim().split('\n').slice(-5).join(' | ')}`))));
    });
    fs.renameSync(path.join(staging, 'temporal'), target);
    progress(`built in ${Math.round((Date.now() - started) / 1000)} s → ${target}`);
  } finally {
    clearInterval(heartbeat);
    fs.rmSync(staging, { recursive: true, force: true });
  }
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

function ensureDir(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

if (require.main === module) {
  ensureTemporalCli()
    .then((binary) => process.stdout.write(`${binary}\n`))
    .catch((error: Error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    });
}
