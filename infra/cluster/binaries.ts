// The Temporal server, its SQL schema tool and the Web UI server, built from the Go module proxy
// once and cached outside the checkout, the way infra/temporal-cli.ts provides the CLI.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cacheDir } from '../paths';
import { findGo, goInstall, isExecutable, type Progress } from '../go-install';

/** v1.31 needs a module the Go proxy does not serve; v1.30.9 wants a newer Go. v1.30.8 builds as is. */
export const TEMPORAL_SERVER_VERSION = 'v1.30.8';
/** The Web UI server the CLI v1.5.1 embeds; its assets are compiled into the binary. */
export const TEMPORAL_UI_VERSION = 'v2.42.1';

const SERVER_MODULE = 'go.temporal.io/server';
const UI_PACKAGE = 'github.com/temporalio/ui-server/v2/cmd/server';

export interface TemporalServerBinaries {
  server: string;
  sql: string;
  /** The PostgreSQL schemas of this server version: `temporal/versioned` and `visibility/versioned`. */
  schemaDir: string;
}

const defaultProgress: Progress = (line) => process.stderr.write(`[temporal-server] ${line}\n`);

/**
 * The server and `sql` tool: $TEMPORAL_SERVER_BIN with $TEMPORAL_SQL_TOOL_BIN and
 * $TEMPORAL_SCHEMA_DIR → the cache → `go install` into the cache → an error saying what to install.
 */
export async function ensureTemporalServer(progress: Progress = defaultProgress): Promise<TemporalServerBinaries> {
  const { TEMPORAL_SERVER_BIN, TEMPORAL_SQL_TOOL_BIN, TEMPORAL_SCHEMA_DIR } = process.env;
  if (TEMPORAL_SERVER_BIN || TEMPORAL_SQL_TOOL_BIN || TEMPORAL_SCHEMA_DIR) {
    const given = { server: TEMPORAL_SERVER_BIN ?? '', sql: TEMPORAL_SQL_TOOL_BIN ?? '', schemaDir: TEMPORAL_SCHEMA_DIR ?? '' };
    if (!isExecutable(given.server) || !isExecutable(given.sql) || !fs.existsSync(path.join(given.schemaDir, 'temporal', 'versioned'))) {
      throw new Error('TEMPORAL_SERVER_BIN, TEMPORAL_SQL_TOOL_BIN and TEMPORAL_SCHEMA_DIR go together: the server, its sql tool and its schema/postgresql/v12 folder');
    }
    return given;
  }
  const dir = path.join(cacheDir(), `temporal-server-${TEMPORAL_SERVER_VERSION}`);
  const cached = { server: path.join(dir, 'server'), sql: path.join(dir, 'sql'), schemaDir: path.join(dir, 'schema', 'postgresql', 'v12') };
  const complete = () => isExecutable(cached.server) && isExecutable(cached.sql) && fs.existsSync(path.join(cached.schemaDir, 'visibility', 'versioned'));
  if (complete()) return cached;
  const go = findGo();
  if (!go) {
    throw new Error(
      `The Temporal server ${TEMPORAL_SERVER_VERSION} is not in ${dir} and Go is not installed to build it: install Go 1.26, ` +
        'or set TEMPORAL_SERVER_BIN, TEMPORAL_SQL_TOOL_BIN and TEMPORAL_SCHEMA_DIR, or point TEMPORAL_ADDRESS at a running cluster and use `npm start`.',
    );
  }
  await goInstall(go, {
    packages: [`${SERVER_MODULE}/cmd/server@${TEMPORAL_SERVER_VERSION}`, `${SERVER_MODULE}/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`],
    targetDir: dir,
    progress,
  });
  // The schemas ship in the module's source, which the build left in the Go module cache; a copy
  // beside the binaries keeps the cache whole when the module cache is cleaned.
  const modCache = execFileSync(go, ['env', 'GOMODCACHE'], { encoding: 'utf8' }).trim();
  fs.cpSync(path.join(modCache, `${SERVER_MODULE}@${TEMPORAL_SERVER_VERSION}`, 'schema', 'postgresql', 'v12'), cached.schemaDir, { recursive: true });
  if (!complete()) throw new Error(`the build of the Temporal server left ${dir} incomplete`);
  return cached;
}

/**
 * The Web UI server: $TEMPORAL_UI_SERVER_BIN → the cache → `go install` into the cache. Undefined
 * (with the reason given to `progress`) when none can be had: the cluster runs without its UI.
 */
export async function ensureTemporalUiServer(progress: Progress = defaultProgress): Promise<string | undefined> {
  const fromEnv = process.env.TEMPORAL_UI_SERVER_BIN;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`TEMPORAL_UI_SERVER_BIN=${fromEnv} is not an executable file`);
    return fromEnv;
  }
  const dir = path.join(cacheDir(), `temporal-ui-server-${TEMPORAL_UI_VERSION}`);
  const cached = path.join(dir, 'ui-server');
  if (isExecutable(cached)) return cached;
  const go = findGo();
  if (!go) {
    progress('Go is not installed, so the Web UI server cannot be built; the cluster runs without it');
    return undefined;
  }
  try {
    await goInstall(go, { packages: [`${UI_PACKAGE}@${TEMPORAL_UI_VERSION}`], targetDir: dir, rename: { server: 'ui-server' }, progress });
    return cached;
  } catch (error) {
    progress(`the Web UI server could not be built (${(error as Error).message}); the cluster runs without it`);
    return undefined;
  }
}
