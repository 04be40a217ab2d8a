import fs from 'node:fs';
import path from 'node:path';
import { startProcess, type ManagedProcess } from '../child-process';
import { isPortOpen, waitFor } from '../ports';
import { fillTemplate } from './template';

export interface WebUi {
  url: string;
  process: ManagedProcess;
  stop(): Promise<void>;
}

/** The Temporal Web UI server (ui-server) against the cluster's frontend. */
export async function startWebUi(options: {
  binary: string;
  dataDir: string;
  port: number;
  temporalAddress: string;
  namespace: string;
  /** grantflow's codec endpoint (<PUBLIC_BASE_URL>/codec), so the UI can show decrypted payloads. */
  codecEndpoint: string;
  output?: (line: string) => void;
}): Promise<WebUi> {
  const url = `http://127.0.0.1:${options.port}`;
  const configDir = path.join(options.dataDir, 'config');
  fs.mkdirSync(configDir, { recursive: true });
  fs.writeFileSync(
    path.join(configDir, 'base.yaml'),
    fillTemplate(path.join(__dirname, 'temporal-ui.yaml'), {
      TEMPORAL_ADDRESS: options.temporalAddress,
      PORT: options.port,
      NAMESPACE: options.namespace,
      ORIGIN: url,
      CODEC_ENDPOINT: options.codecEndpoint,
    }),
  );
  const child = startProcess('temporal-ui', options.binary, ['--root', options.dataDir, '--config', 'config', '--env', 'grantflow', 'start'], {
    detached: true,
    output: options.output,
  });
  try {
    await Promise.race([
      waitFor('the Temporal Web UI', async () => ((await isPortOpen(options.port)) ? true : undefined), { timeoutMs: 30_000 }),
      child.exited.then((code): never => {
        throw new Error(`the Temporal Web UI exited with code ${code}`);
      }),
    ]);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { url, process: child, stop: () => child.stop() };
}
