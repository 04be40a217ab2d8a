import fs from 'node:fs';
import path from 'node:path';
import type { ManagedProcess } from '../child-process';
import { RUNNING_MARKERS, startService, type ServiceKind } from '../local-app';
import { waitFor } from '../ports';

/** One process of a service that runs several times; kill it, start it again, see it ready. */
export interface Replica {
  name: string;
  kind: ServiceKind;
  /** The API replica's own port (the proxy forwards to it). */
  port?: number;
  /** The worker replica's Prometheus endpoint. */
  metricsUrl?: string;
  /** The running process (a new one after each start()). */
  readonly process: ManagedProcess;
  readonly running: boolean;
  /** Starts it (again) and resolves once it is ready: the API answers /healthz with 200, a worker or mailer says it runs. */
  start(): Promise<void>;
  /** Sends a signal (SIGKILL by default) and resolves with the exit code once it has gone. */
  kill(signal?: NodeJS.Signals): Promise<number | null>;
  /** SIGTERM, then SIGKILL after the grace period: a graceful shutdown. */
  stop(): Promise<void>;
}

export interface ReplicaOptions {
  name: string;
  kind: ServiceKind;
  env: NodeJS.ProcessEnv;
  port?: number;
  metricsUrl?: string;
  /** Each line the process writes goes to `<logDir>/<name>.log`. */
  logDir: string;
  output?: (name: string, line: string) => void;
  /** Called when the process ends without stop() or kill() asking it to. */
  onUnexpectedExit?: (name: string, code: number | null) => void;
  readyTimeoutMs?: number;
}

export function createReplica(options: ReplicaOptions): Replica {
  let current: ManagedProcess | undefined;
  let ready = false;
  let expectingExit = false;
  fs.mkdirSync(options.logDir, { recursive: true });
  const logFile = path.join(options.logDir, `${options.name}.log`);
  const marker = options.kind === 'api' ? undefined : RUNNING_MARKERS[options.kind];

  const spawn = (): ManagedProcess => {
    const log = fs.createWriteStream(logFile, { flags: 'a' });
    ready = false;
    expectingExit = false;
    const child = startService(options.name, options.kind, options.env, (line) => {
      log.write(`${line}\n`);
      if (marker && line.includes(marker)) ready = true;
      options.output?.(options.name, line);
    });
    void child.exited.then((code) => {
      log.end();
      if (!expectingExit && current === child) options.onUnexpectedExit?.(options.name, code);
    });
    return child;
  };

  const untilReady = async (child: ManagedProcess) => {
    const healthUrl = options.port ? `http://127.0.0.1:${options.port}/healthz` : undefined;
    const probe = async () => {
      if (healthUrl) return (await fetch(healthUrl, { signal: AbortSignal.timeout(3_000) }).catch(() => undefined))?.ok ? true : undefined;
      return ready ? true : undefined;
    };
    const exited = child.exited.then((code): never => {
      throw new Error(`${options.name} exited with code ${code} while starting (its log: ${logFile})`);
    });
    exited.catch(() => undefined);
    await Promise.race([waitFor(`${options.name} to be ready`, probe, { timeoutMs: options.readyTimeoutMs ?? 120_000, intervalMs: 250 }), exited]);
  };

  return {
    name: options.name,
    kind: options.kind,
    port: options.port,
    metricsUrl: options.metricsUrl,
    get process() {
      if (!current) throw new Error(`${options.name} has not been started`);
      return current;
    },
    get running() {
      return current !== undefined && current.child.exitCode === null && current.child.signalCode === null;
    },
    async start() {
      if (this.running) throw new Error(`${options.name} is already running`);
      current = spawn();
      await untilReady(current);
    },
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (!current || !this.running) return current ? current.exited : null;
      expectingExit = true;
      current.child.kill(signal);
      return current.exited;
    },
    async stop() {
      if (!current) return;
      expectingExit = true;
      await current.stop(15_000);
    },
  };
}
