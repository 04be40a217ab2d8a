import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { blockedFolder } from '../../infra/postgres-access';

// Started as root, embedded PostgreSQL runs as another user, who must be able to enter every
// folder on the way to its programs and data: a checkout in a home folder of mode 700 is not.
describe('blockedFolder', () => {
  let root: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'gf-access-'));
    fs.chmodSync(root, 0o755);
  });

  afterEach(() => {
    fs.chmodSync(root, 0o755);
    fs.rmSync(root, { recursive: true, force: true });
  });

  const stranger = { uid: 54321, gids: [54321] };

  it('names the first folder another user cannot enter', () => {
    const home = path.join(root, 'home');
    fs.mkdirSync(path.join(home, 'checkout', 'node_modules'), { recursive: true });
    fs.chmodSync(home, 0o700);
    expect(blockedFolder(path.join(home, 'checkout', 'node_modules'), stranger)).toBe(home);
    expect(blockedFolder(path.join(home, 'checkout', '.data', 'postgres'), undefined)).toBe(home);
  });

  it('passes folders others may enter, and folders not made yet', () => {
    fs.mkdirSync(path.join(root, 'srv', 'checkout'), { recursive: true });
    expect(blockedFolder(path.join(root, 'srv', 'checkout', '.data', 'postgres'), stranger)).toBeUndefined();
  });

  it('lets the owner in by the owner bits alone', () => {
    const own = path.join(root, 'own');
    fs.mkdirSync(own);
    fs.chmodSync(own, 0o700);
    const stat = fs.statSync(own);
    expect(blockedFolder(path.join(own, 'data'), { uid: stat.uid, gids: [] })).toBeUndefined();
    expect(blockedFolder(path.join(own, 'data'), { uid: stat.uid + 1, gids: [stat.gid] })).toBe(own);
  });
});
