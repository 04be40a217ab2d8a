import type { ChildProcess } from 'node:child_process';
import { findFreePort, isPortOpen } from '../../infra/ports';
import { startMailerProcess } from '../support/mailer-process';

/** The mailer process (`services/mailer/main.ts`) with its probes on a port of their own. */
async function startMailer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; port: number; output: string[] }> {
  const port = await findFreePort();
  const started = await startMailerProcess({ MAILER_HEALTH_PORT: String(port), MAILER_HEALTH_HOST: '127.0.0.1', ...env }, 'mailer probes at /livez and /readyz');
  return { ...started, port };
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
