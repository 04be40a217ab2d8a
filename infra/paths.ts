import os from 'node:os';
import path from 'node:path';

export { PROJECT_ROOT } from '../lib/project-root';

/** Outside the checkout, so every fresh clone on the machine reuses what was built once. */
export function cacheDir(): string {
  const base = process.env.GRANTFLOW_CACHE_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'grantflow');
  return base;
}
