import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type Progress = (line: string) => void;

export function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export function findOnPath(command: string, extraDirs: string[] = []): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), ...extraDirs].filter(Boolean);
  return dirs.map((dir) => path.join(dir, command)).find(isExecutable);
}

/** The Go toolchain, on PATH or where its installers put it. */
export function findGo(): string | undefined {
  return findOnPath('go', ['/usr/local/go/bin', path.join(os.homedir(), 'go', 'bin')]);
}

export function ensureDir(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * `go install pkg@version …` into `targetDir`, printing progress while it compiles. The binaries
 * are built into a private folder and moved into place, so a concurrent caller never sees half a
 * file; `rename` maps a built binary's name to the name it gets in `targetDir`.
 */
export async function goInstall(
  go: string,
  { packages, targetDir, rename = {}, progress }: { packages: string[]; targetDir: string; rename?: Record<string, string>; progress: Progress },
): Promise<void> {
  const staging = fs.mkdtempSync(path.join(ensureDir(targetDir), '.build-'));
  progress(`building ${packages.join(' ')} with ${go}; the first build takes several minutes`);
  const started = Date.now();
  const heartbeat = setInterval(() => progress(`still building (${Math.round((Date.now() - started) / 1000)} s)…`), 20_000);
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(go, ['install', '-v', ...packages], {
        env: { ...process.env, GOBIN: staging, GOFLAGS: process.env.GOFLAGS ?? '-mod=mod' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let compiled = 0;
      let tail = '';
      const onOutput = (chunk: Buffer) => {
        const text = chunk.toString();
        tail = (tail + text).slice(-2000);
        for (const line of text.split('\n')) {
          if (!line.trim()) continue;
          compiled += 1;
          if (compiled % 100 === 0) progress(`compiled ${compiled} packages…`);
        }
      };
      child.stdout.on('data', onOutput);
      child.stderr.on('data', onOutput);
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit code ${code}: ${tail.trim().split('\n').slice(-5).join(' | ')}`))));
    });
    for (const built of fs.readdirSync(staging)) fs.renameSync(path.join(staging, built), path.join(targetDir, rename[built] ?? built));
    progress(`built in ${Math.round((Date.now() - started) / 1000)} s → ${targetDir}`);
  } finally {
    clearInterval(heartbeat);
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
