import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../infra/paths';

/** pino's numeric levels: 40 is warn. */
const WARN = 40;

export interface WorkerProcess {
  pid: number;
  /** Resolves once the worker logged that it polls its task queue; rejects if it exits first. */
  ready: Promise<void>;
  /** Resolves with how the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** True until the process has exited. */
  alive(): boolean;
  /** SIGKILL, and wait until the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (the worker drains), escalating to SIGKILL after `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
  /** Every line the process printed, for a failure message. */
  output: string[];
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** If the test process itself ends abruptly, no worker is left behind. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

/**
 * The production worker (`services/worker/main.ts`) as an OS process of its own, so that killing
 * it is a real SIGKILL: no shutdown hook runs, in-flight activities and workflow tasks are lost.
 *
 * The worker logs its readiness at info level; `quiet` keeps the test's output to the worker's
 * warnings and errors (pino level ≥ 40) and anything that is not a JSON log line.
 */
export function spawnWorkerProcess(options: {
  env: NodeJS.ProcessEnv;
  name?: string;
  readyTimeoutMs?: number;
  echo?: (line: string) => void;
}): WorkerProcess {
  installExitHook();
  const name = options.name ?? 'worker';
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('services', 'worker', 'main.ts')], {
    cwd: PROJECT_ROOT,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`could not spawn the ${name} process`);
  running.add(child);

  const output: string[] = [];
  let markReady: () => void = () => undefined;
  let failReady: (error: Error) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    failReady = reject;
  });
  // A rejection nobody awaits (the process was killed before it was ready) is not an error.
  ready.catch(() => undefined);

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      failReady(new Error(`${name} (pid ${child.pid}) exited before it was ready (code ${code}, signal ${signal}):\n${output.slice(-30).join('\n')}`));
      resolve({ code, signal });
    });
  });

  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.trim()) continue;
        output.push(line);
        if (line.includes('"msg":"worker running"')) markReady();
        let level = WARN;
        try {
          level = (JSON.parse(line) as { level?: number }).level ?? WARN;
        } catch {
          // Not a log line (e.g. a stack trace on stderr): always show it.
        }
        if (level >= WARN) (options.echo ?? ((l) => process.stderr.write(`[${name} ${child.pid}] ${l}\n`)))(line);
      }
    });
  }

  const timeoutMs = options.readyTimeoutMs ?? 60_000;
  const timer = setTimeout(() => failReady(new Error(`${name} (pid ${child.pid}) not ready after ${timeoutMs} ms:\n${output.slice(-30).join('\n')}`)), timeoutMs);
  void ready.then(
    () => clearTimeout(timer),
    () => clearTimeout(timer),
  );

  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    pid: child.pid,
    ready,
    exited,
    alive,
    output,
    async kill() {
      if (alive()) child.kill('SIGKILL');
      await exited;
    },
    async stop(stopTimeoutMs = 10_000) {
      if (!alive()) return;
      child.kill('SIGTERM');
      const escalate = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
      await exited;
      clearTimeout(escalate);
    },
  };
}
