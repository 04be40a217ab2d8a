import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../infra/paths';

/**
 * The mailer process (`services/mailer/main.ts`) with the given environment, once its output shows
 * `readyWhen` (the line it logs when running, or when its probes are open).
 */
export async function startMailerProcess(env: NodeJS.ProcessEnv, readyWhen = 'mailer running'): Promise<{ child: ChildProcess; output: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('services', 'mailer', 'main.ts')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the mailer did not get to "${readyWhen}":\n${output.join('')}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.join('').includes(readyWhen)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the mailer exited (${code}):\n${output.join('')}`)));
  });
  return { child, output };
}
