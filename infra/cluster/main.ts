// `npm run start:cluster`: grantflow on a Temporal cluster backed by PostgreSQL, with API replicas
// behind HAProxy, several workers and mailers (infra/cluster/index.ts); Ctrl-C stops everything.
import path from 'node:path';
import { ConfigError, loadDotEnvIfPresent } from '../../lib/config';
import { printStaffLogins, shownPath } from '../local-app';
import { PROJECT_ROOT } from '../paths';
import { isPortOpen } from '../ports';
import { startCluster, type Cluster } from './index';
import { loadClusterSettings } from './settings';

const say = (line: string) => process.stdout.write(`[cluster] ${line}\n`);

async function main(): Promise<void> {
  const started = Date.now();
  loadDotEnvIfPresent(path.join(PROJECT_ROOT, '.env'));
  const settings = loadClusterSettings(process.env);
  const env: NodeJS.ProcessEnv = { ...process.env };
  // The cluster runs its own Temporal server; a TEMPORAL_ADDRESS meant for `npm start` does not apply.
  delete env.TEMPORAL_ADDRESS;
  const ports = {
    proxy: settings.PORT,
    proxyStats: settings.CLUSTER_PROXY_STATS_PORT,
    temporal: settings.CLUSTER_TEMPORAL_PORT,
    webUi: settings.CLUSTER_TEMPORAL_UI_PORT,
    ...(env.DATABASE_URL ? {} : { postgres: settings.EMBEDDED_POSTGRES_PORT }),
    ...(env.SMTP_URL ? {} : { smtp: settings.MAIL_CATCHER_SMTP_PORT, mailWeb: settings.MAIL_CATCHER_WEB_PORT }),
  };
  for (const [name, port] of Object.entries(ports)) {
    if (await isPortOpen(port)) throw new Error(`port ${port} (${name}) is taken: stop what uses it, or choose another port (see .env.example)`);
  }

  let cluster: Cluster | undefined;
  let stopping = false;
  const starting = new AbortController();
  const stop = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    if (!cluster) {
      // startCluster stops what it started and rejects; the catch below ends the process.
      say('stopping once the current step ends…');
      starting.abort();
      return;
    }
    say('stopping…');
    await cluster?.stop();
    say('stopped');
    process.exit(exitCode);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  const dataDir = path.resolve(PROJECT_ROOT, settings.CLUSTER_DATA_DIR);
  say(`data and logs in ${shownPath(dataDir)}`);
  cluster = await startCluster({
    dataDir,
    env,
    signal: starting.signal,
    databaseUrl: env.DATABASE_URL || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    historyShards: settings.TEMPORAL_HISTORY_SHARDS,
    replicas: { api: settings.CLUSTER_API_REPLICAS, worker: settings.CLUSTER_WORKER_REPLICAS, mailer: settings.CLUSTER_MAILER_REPLICAS },
    ports,
    say,
    // Each service's full log is in its file; warnings and errors are shown here too.
    serviceOutput: (name, line) => {
      if (!line.startsWith('{') || /"level":(40|50|60)/.test(line)) process.stdout.write(`[${name}] ${line}\n`);
    },
    onUnexpectedExit: (name, code) => {
      if (!stopping) say(`${name} exited (code ${code}); the others carry on — see ${shownPath(dataDir)}/logs/${name}.log`);
    },
  });
  const { addresses, config } = cluster;
  say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  say(`  app (via the proxy):  ${addresses.proxy}`);
  say(`  health:               ${addresses.proxy}/healthz`);
  say(`  API:                  ${addresses.proxy}/api/v1/rounds`);
  say(`  proxy statistics:     ${addresses.proxyStats}`);
  const line = (label: string, value: string) => say(`  ${`${label}:`.padEnd(22)}${value}`);
  for (const [name, url] of Object.entries(addresses.apiReplicas)) line(name, url);
  say(`  Temporal frontend:    ${addresses.temporal} (namespace ${config.TEMPORAL_NAMESPACE}, ${settings.TEMPORAL_HISTORY_SHARDS} history shards)`);
  say(`  Temporal metrics:     ${addresses.temporalMetrics}`);
  say(`  Temporal UI:          ${addresses.webUi ?? '(not available: see the note above)'}`);
  for (const [name, url] of Object.entries(addresses.workerMetrics)) line(`${name} metrics`, url);
  say(`  mailers:              ${cluster.replicas.filter((r) => r.kind === 'mailer').map((r) => r.name).join(', ')} → ${addresses.smtp}`);
  say(`  mail UI:              ${addresses.mailUi ?? `(external SMTP at ${addresses.smtp})`}`);
  say(`  database:             ${addresses.database}`);
  say(`  logs:                 ${shownPath(addresses.logs)}/<name>.log`);
  printStaffLogins(say, config, cluster.demoPassword, dataDir);
  say('Press Ctrl-C to stop everything.');
}

main().catch(async (error: Error) => {
  say(error instanceof ConfigError ? error.message : `start-up failed: ${error.message}`);
  process.exit(1);
});
