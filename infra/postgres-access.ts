import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Who embedded PostgreSQL runs as when started by root: the system user it creates, or finds. */
export const POSTGRES_SYSTEM_USER = 'postgres';

interface Account {
  uid: number;
  gids: number[];
}

function account(name: string): Account | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    const gids = execFileSync('id', ['-G', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split(/\s+/).map(Number);
    return { uid, gids };
  } catch {
    return undefined;
  }
}

/** The first folder on the way to `target` the account cannot enter (a user yet to be created only has "others" rights). */
export function blockedFolder(target: string, user: Account | undefined): string | undefined {
  let folder = path.resolve(target);
  const folders: string[] = [];
  for (;;) {
    folders.unshift(folder);
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  for (const candidate of folders) {
    const stat = fs.statSync(candidate, { throwIfNoEntry: false });
    // Not there yet: created later by root, with the default mode; nothing deeper exists either.
    if (!stat) return undefined;
    if (!stat.isDirectory()) continue;
    const mode = stat.mode;
    const enters = user?.uid === stat.uid ? (mode & 0o100) !== 0 : user?.gids.includes(stat.gid) ? (mode & 0o010) !== 0 : (mode & 0o001) !== 0;
    if (!enters) return candidate;
  }
  return undefined;
}

/**
 * Run as root, embedded PostgreSQL's initdb and server run as the system user "postgres", who
 * must reach both the binaries (inside this checkout's node_modules) and the data folder. When a
 * folder on the way shuts that user out (a home folder of mode 700), stop before starting with
 * what to do, rather than crash inside the package with EACCES.
 */
export function assertPostgresCanReach(options: { binaries: string; dataDir: string }): void {
  if (process.getuid?.() !== 0) return;
  const user = account(POSTGRES_SYSTEM_USER);
  const binariesBlocked = blockedFolder(options.binaries, user);
  const dataBlocked = blockedFolder(options.dataDir, user);
  if (!binariesBlocked && !dataBlocked) return;
  const lines = [
    `Run as root, embedded PostgreSQL runs as the system user "${POSTGRES_SYSTEM_USER}", who cannot enter ${binariesBlocked ?? dataBlocked}`,
    binariesBlocked
      ? `(its programs are in ${options.binaries}). Either start as an ordinary user, move the checkout to a folder other users may enter (e.g. /srv/grantflow), or set DATABASE_URL to an existing PostgreSQL.`
      : `(its data folder is ${options.dataDir}). Set DATA_DIR to a folder other users may enter (e.g. /var/lib/grantflow), start as an ordinary user, or set DATABASE_URL to an existing PostgreSQL.`,
  ];
  throw new Error(lines.join(' '));
}
