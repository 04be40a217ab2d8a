import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const INSTALL_LOCK = path.join(os.tmpdir(), 'grantflow-apt-install.lock');
const INSTALL_TIMEOUT_MS = 15 * 60_000;

/**
 * Installs a Debian package when `binary` is missing and this process may (root with apt-get);
 * otherwise fails saying what to install. Several processes may ask at once: one installs while
 * the others wait for it, since apt takes one installer at a time.
 */
export function ensureDebianPackage({ binary, pkg, neededBy, log }: { binary: string; pkg: string; neededBy: string; log: (line: string) => void }): string {
  if (fs.existsSync(binary)) return binary;
  const canInstall = process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get');
  if (canInstall) {
    withInstallLock(() => {
      if (fs.existsSync(binary)) return;
      log(`${binary} is missing; installing the Debian package "${pkg}"`);
      const apt = (args: string[]) =>
        execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], { stdio: 'ignore', timeout: 600_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
      try {
        apt(['install', '-y', '--no-install-recommends', pkg]);
      } catch {
        apt(['update']);
        apt(['install', '-y', '--no-install-recommends', pkg]);
      }
    });
    if (fs.existsSync(binary)) return binary;
  }
  throw new Error(`${neededBy} need ${binary}: install the Debian package "${pkg}" (apt-get install -y ${pkg}).`);
}

/** A lock across processes: a directory only one of them can create. A stale one (a killed run) is taken over. */
function withInstallLock(work: () => void): void {
  const deadline = Date.now() + INSTALL_TIMEOUT_MS;
  for (;;) {
    try {
      fs.mkdirSync(INSTALL_LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const age = Date.now() - (fs.statSync(INSTALL_LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > INSTALL_TIMEOUT_MS) fs.rmSync(INSTALL_LOCK, { recursive: true, force: true });
    if (Date.now() > deadline) throw new Error(`Waited ${INSTALL_TIMEOUT_MS / 60_000} minutes for another package installation (${INSTALL_LOCK})`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1_000);
  }
  try {
    work();
  } finally {
    fs.rmSync(INSTALL_LOCK, { recursive: true, force: true });
  }
}
