import fs from 'node:fs';
import path from 'node:path';
import { startProcess, type ManagedProcess } from '../child-process';
import { ensureDebianPackage } from '../debian-package';
import { findOnPath } from '../go-install';
import { isPortOpen, waitFor } from '../ports';
import { fillTemplate } from './template';

export interface ReverseProxy {
  url: string;
  /** HAProxy's statistics page: each replica's health-check state. */
  statsUrl: string;
  process: ManagedProcess;
  stop(): Promise<void>;
}

/** HAProxy from Debian's package, installed when missing and this process may (root with apt-get). */
export function ensureHaproxy(log: (line: string) => void): string {
  return findOnPath('haproxy', ['/usr/sbin']) ?? ensureDebianPackage({ binary: '/usr/sbin/haproxy', pkg: 'haproxy', neededBy: '`npm run start:cluster` and its test', log });
}

/** Round robin over the API replicas, each health-checked on /healthz. */
export async function startReverseProxy(options: {
  dataDir: string;
  port: number;
  statsPort: number;
  backends: Array<{ name: string; port: number }>;
  log: (line: string) => void;
  output?: (line: string) => void;
}): Promise<ReverseProxy> {
  const binary = ensureHaproxy(options.log);
  fs.mkdirSync(options.dataDir, { recursive: true });
  const configFile = path.join(options.dataDir, 'haproxy.cfg');
  fs.writeFileSync(
    configFile,
    fillTemplate(path.join(__dirname, 'haproxy.cfg'), {
      PORT: options.port,
      STATS_PORT: options.statsPort,
      SERVERS: options.backends.map((backend) => `  server ${backend.name} 127.0.0.1:${backend.port} check`).join('\n'),
    }),
  );
  // -db: stay in the foreground, so stopping this process stops the proxy.
  const child = startProcess('haproxy', binary, ['-db', '-f', configFile], { detached: true, output: options.output });
  try {
    await Promise.race([
      waitFor('the reverse proxy', async () => ((await isPortOpen(options.port)) ? true : undefined), { timeoutMs: 15_000 }),
      child.exited.then((code): never => {
        throw new Error(`HAProxy exited with code ${code}`);
      }),
    ]);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { url: `http://127.0.0.1:${options.port}`, statsUrl: `http://127.0.0.1:${options.statsPort}/`, process: child, stop: () => child.stop() };
}
