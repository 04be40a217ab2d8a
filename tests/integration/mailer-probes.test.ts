import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../infra/paths';
import { findFreePort, isPortOpen } from '../../infra/ports';

/** The mailer process (`services/mailer/main.ts`) with its probes on a port of their own. */
async function startMailer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; port: number; output: string[] }> {
  const port = await findFreePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('services', 'mailer', 'main.ts')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', MAILER_HEALTH_PORT: String(port), MAILER_HEALTH_HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the mailer did not open its probes:\n${output.join('')}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.join('').includes('mailer probes at /livez and /readyz')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the mailer exited (${code}):\n${output.join('')}`)));
  });
  return { child, port, output };
}

async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

const probe = async (port: number, name: string) => {
  const response = await fetch(`http://127.0.0.1:${port}/${name}`);
  return { status: response.status, body: (await response.json()) as { status: string } };
};

describe("the mailer process's probes (MAILER_HEALTH_PORT)", () => {
  it('are ready while PostgreSQL answers, and close with the process on SIGTERM', async () => {
    const { child, port } = await startMailer({ SMTP_URL: `smtp://127.0.0.1:${await findFreePort()}` });
    try {
      expect(await probe(port, 'livez')).toEqual({ status: 200, body: { status: 'ok' } });
      expect(await probe(port, 'readyz')).toEqual({ status: 200, body: { status: 'ok' } });
    } finally {
      expect(await stop(child)).toBe(0);
    }
    expect(await isPortOpen(port)).toBe(false);
  });

  it('are alive but not ready while PostgreSQL does not answer', async () => {
    const deadDatabase = `postgresql://postgres@127.0.0.1:${await findFreePort()}/grantflow`;
    const { child, port } = await startMailer({ DATABASE_URL: deadDatabase });
    try {
      expect((await probe(port, 'livez')).status).toBe(200);
      expect(await probe(port, 'readyz')).toMatchObject({ status: 503, body: { status: 'unavailable' } });
    } finally {
      await stop(child);
    }
  });
});
