import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';

// Bundling the workflow code loads webpack and leaves about 100 MB behind in the process that
// does it (V8 keeps the heap it grew). The worker runs for months, so it has the bundle built by
// a short-lived process of its own and loads the file.

export const WORKFLOWS_PATH = require.resolve('../../workflows');

/** Bundles the workflow code once; every worker of the process then loads the same bundle. */
export async function bundleWorkflows(workflowsPath = WORKFLOWS_PATH): Promise<WorkflowBundle> {
  return bundleWorkflowCode({ workflowsPath, logger: quietBundlerLogger });
}

const quietBundlerLogger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => process.stderr.write(`[bundler] ${message}\n`),
  error: (message: string) => process.stderr.write(`[bundler] ${message}\n`),
  log: () => undefined,
};

/** Builds the workflow bundle in a child process and writes it to `file`; resolves when it is there. */
export function bundleWorkflowsToFile(file: string): Promise<void> {
  // The same Node.js flags as this process (the TypeScript loader), without profiling flags.
  const flags = process.execArgv.filter((flag) => !flag.startsWith('--cpu-prof'));
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...flags, __filename, file], { maxBuffer: 1024 * 1024 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`bundling the workflow code failed: ${stderr || error.message}`));
      else resolve();
    });
  });
}

const BUNDLE_FILE_PREFIX = 'grantflow-workflows-';

/** Where this worker process keeps its bundle; one left by a worker that was killed is removed. */
export function workerBundlePath(): string {
  const folder = os.tmpdir();
  for (const name of fs.readdirSync(folder)) {
    const pid = Number(new RegExp(`^${BUNDLE_FILE_PREFIX}(\\d+)\\.js$`).exec(name)?.[1]);
    if (pid && pid !== process.pid && !isRunning(pid)) fs.rmSync(path.join(folder, name), { force: true });
  }
  return path.join(folder, `${BUNDLE_FILE_PREFIX}${process.pid}.js`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function writeBundle(file: string): Promise<void> {
  const { code } = await bundleWorkflows();
  // Written whole and then renamed, so a reader never sees half a bundle.
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, code);
  fs.renameSync(partial, file);
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: bundle <output file>\n');
    process.exit(2);
  }
  writeBundle(file).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
