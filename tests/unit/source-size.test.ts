import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// One job per file: a source file that outgrows this has started doing several (catalogues,
// which are data, are JSON and not counted).
const MAX_LINES = 400;
const FOLDERS = ['services', 'activities', 'domain', 'lib', 'workflows', 'locale', 'documents'];

describe('source files', () => {
  it(`under ${FOLDERS.join(', ')} have at most ${MAX_LINES} lines`, () => {
    const root = path.resolve(__dirname, '../..');
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', ...FOLDERS.map((folder) => `${folder}/*.ts`)], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter((file) => file && fs.existsSync(path.join(root, file)));
    expect(files.length).toBeGreaterThan(100);
    const tooLong = files
      .map((file) => ({ file, lines: fs.readFileSync(path.join(root, file), 'utf8').split('\n').length - 1 }))
      .filter(({ lines }) => lines > MAX_LINES);
    expect(tooLong).toEqual([]);
  });
});
