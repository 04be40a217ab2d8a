import path from 'node:path';
import { startProcess, type LocalServiceOptions, type ManagedProcess } from './child-process';
import { PROJECT_ROOT } from './paths';
import { isPortOpen, waitFor } from './ports';

export interface MailCatcher {
  smtpUrl: string;
  webUrl: string;
  process: ManagedProcess;
}

/** MailDev: a real SMTP server that keeps every message and shows them on a web page. */
export async function startMailCatcher(options: LocalServiceOptions & { smtpPort: number; webPort: number }): Promise<MailCatcher> {
  const bin = path.join(PROJECT_ROOT, 'node_modules', 'maildev', 'dist', 'bin', 'maildev.js');
  const child = startProcess(
    'maildev',
    process.execPath,
    [
      bin,
      '--smtp', String(options.smtpPort),
      '--web', String(options.webPort),
      '--ip', '127.0.0.1',
      '--web-ip', '127.0.0.1',
      '--mail-directory', options.dataDir,
    ],
    { output: options.output, detached: true },
  );
  await waitFor('the mail catcher', async () =>
    (await isPortOpen(options.smtpPort)) && (await isPortOpen(options.webPort)) ? true : undefined,
  { timeoutMs: 20_000 });
  return {
    smtpUrl: `smtp://127.0.0.1:${options.smtpPort}`,
    webUrl: `http://127.0.0.1:${options.webPort}`,
    process: child,
  };
}
