import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  stop(timeoutMs?: number): Promise<void>;
}

/** A service started for local use: where it keeps its data, and where its log lines go (nowhere if not given). */
export interface LocalServiceOptions {
  dataDir: string;
  output?: (line: string) => void;
}

/** Starts a child that we own: its output is prefixed, and stop() escalates SIGTERM → SIGKILL. */
export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: SpawnOptions & { output?: (line: string) => void } = {},
): ManagedProcess {
  const { output, ...spawnOptions } = options;
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...spawnOptions });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? (signal ? null : 0)));
    child.once('error', () => resolve(-1));
  });
  if (output) {
    for (const stream of [child.stdout, child.stderr]) {
      let buffered = '';
      stream?.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) if (line.trim()) output(line);
      });
    }
  }
  return {
    name,
    child,
    exited,
    async stop(timeoutMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
      if (spawnOptions.detached) endProcessGroup(child.pid);
    },
  };
}

/**
 * A child in a process group of its own may leave members behind when it ends (a worker's
 * bundling child, say): once the leader is gone, nothing in its group is still ours to keep.
 */
function endProcessGroup(leader: number | undefined): void {
  if (!leader) return;
  try {
    process.kill(-leader, 'SIGKILL');
  } catch {
    // ESRCH: the group is already empty.
  }
}
