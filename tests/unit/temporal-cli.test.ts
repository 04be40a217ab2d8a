import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureTemporalCli } from '../../infra/temporal-cli';

describe('Temporal CLI resolution', () => {
  const saved = { TEMPORAL_CLI: process.env.TEMPORAL_CLI, PATH: process.env.PATH, GRANTFLOW_CACHE_DIR: process.env.GRANTFLOW_CACHE_DIR };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'temporal-cli-test-'));
  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  function executable(dir: string, name = 'temporal'): string {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, name);
    fs.writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
    return file;
  }

  it('uses $TEMPORAL_CLI first', async () => {
    const file = executable(path.join(tmp, 'explicit'));
    process.env.TEMPORAL_CLI = file;
    await expect(ensureTemporalCli(() => undefined)).resolves.toBe(file);
  });

  it('says so when $TEMPORAL_CLI is not an executable', async () => {
    process.env.TEMPORAL_CLI = path.join(tmp, 'missing');
    await expect(ensureTemporalCli(() => undefined)).rejects.toThrow(/TEMPORAL_CLI=.*missing is not an executable file/);
  });

  it('then `temporal` on PATH, then the cache', async () => {
    delete process.env.TEMPORAL_CLI;
    const onPath = executable(path.join(tmp, 'bin'));
    process.env.PATH = path.join(tmp, 'bin');
    await expect(ensureTemporalCli(() => undefined)).resolves.toBe(onPath);

    process.env.PATH = path.join(tmp, 'empty');
    process.env.GRANTFLOW_CACHE_DIR = path.join(tmp, 'cache');
    const cached = executable(path.join(tmp, 'cache', 'temporal-v1.5.1'));
    await expect(ensureTemporalCli(() => undefined)).resolves.toBe(cached);
  });
});
