// A production-shaped grantflow on one machine: a Temporal server on PostgreSQL (with its Web UI),
// API replicas behind HAProxy, several workers and mailers. `npm run start:cluster` (main.ts) and
// the tests start it through startCluster(); its handles let a caller kill and restart any part.
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../lib/config';
import { startMailCatcher } from '../mail-catcher';
import { migrateDeploy } from '../migrate';
import { prepareLocalApplication, type ServiceKind } from '../local-app';
import { startPostgresProcess } from '../postgres-process';
import { findFreePort } from '../ports';
import { ensureDir } from '../go-install';
import { ensureTemporalServer, ensureTemporalUiServer } from './binaries';
import { startReverseProxy, type ReverseProxy } from './proxy';
import { createReplica, type Replica } from './replicas';
import { postgresServerOf, prepareTemporalDatabases, startTemporalServer, type TemporalServer } from './temporal-server';
import { startWebUi, type WebUi } from './web-ui';

export type { Replica } from './replicas';

export interface ClusterOptions {
  /** Everything the cluster writes: embedded PostgreSQL, configurations, logs, payload key, demo password. */
  dataDir: string;
  /** The services' environment (NODE_ENV, …); the cluster sets the addresses in it. */
  env?: NodeJS.ProcessEnv;
  /** The application's database; its server also gets the Temporal databases. Unset: embedded PostgreSQL in dataDir. */
  databaseUrl?: string;
  /** The Temporal databases' names; by default the application database's name + `_temporal` and `_temporal_visibility`. */
  temporalDatabases?: { temporal: string; visibility: string };
  historyShards?: number;
  namespace?: string;
  replicas?: Partial<Record<ServiceKind, number>>;
  /** Fixed ports; each one not given is a free port. */
  ports?: { proxy?: number; proxyStats?: number; temporal?: number; webUi?: number; postgres?: number; smtp?: number; mailWeb?: number };
  /** Where the services send mail. Unset: MailDev. */
  smtpUrl?: string;
  /** Start the Temporal Web UI (default true; skipped with a note when its server cannot be built). */
  webUi?: boolean;
  say?: (line: string) => void;
  /** Every line a service writes (they also go to `<dataDir>/logs/<name>.log`). */
  serviceOutput?: (name: string, line: string) => void;
  onUnexpectedExit?: (name: string, code: number | null) => void;
  /** Aborting it while the cluster starts stops what has started once the current step ends. */
  signal?: AbortSignal;
}

export interface ClusterAddresses {
  /** The reverse proxy: the public address of the API and pages. */
  proxy: string;
  proxyStats: string;
  temporal: string;
  temporalMetrics: string;
  webUi?: string;
  mailUi?: string;
  smtp: string;
  /** The application database, without its password. */
  database: string;
  apiReplicas: Record<string, string>;
  workerMetrics: Record<string, string>;
  logs: string;
}

export interface Cluster {
  addresses: ClusterAddresses;
  /** The services' validated configuration (PORT aside, the same for every replica). */
  config: Config;
  /** Set when this data folder's demo password was generated (development). */
  demoPassword?: string;
  temporal: TemporalServer;
  proxy: ReverseProxy;
  webUi?: WebUi;
  replicas: Replica[];
  replica(name: string): Replica;
  /** Stops everything in reverse order of starting. */
  stop(): Promise<void>;
}

interface Stoppable {
  name: string;
  stop(): Promise<void>;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const say = options.say ?? (() => undefined);
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const running: Stoppable[] = [];
  let stopping = false;
  const unexpectedExit = (name: string) => (code: number | null) => {
    if (!stopping) options.onUnexpectedExit?.(name, code);
  };
  const stopAll = async () => {
    stopping = true;
    for (const part of running.splice(0).reverse()) {
      await part.stop().catch((error: Error) => say(`could not stop ${part.name} cleanly: ${error.message}`));
    }
  };
  const step = (what?: string) => {
    if (options.signal?.aborted) throw new Error('start-up interrupted');
    if (what) say(what);
  };
  try {
    // The builds first (minutes the first time, cached after), so a failure costs nothing else.
    const binaries = await ensureTemporalServer((line) => say(`[temporal-server] ${line}`));
    const uiBinary = options.webUi === false ? undefined : await ensureTemporalUiServer((line) => say(`[temporal-ui] ${line}`));

    let databaseUrl = options.databaseUrl;
    if (!databaseUrl) {
      const port = options.ports?.postgres ?? (await findFreePort());
      step(`starting embedded PostgreSQL on 127.0.0.1:${port}`);
      // As root, PostgreSQL runs as a user of its own, which must be able to reach its folder (a
      // temporary folder is private to its owner).
      fs.chmodSync(dataDir, fs.statSync(dataDir).mode | 0o711);
      const postgres = await startPostgresProcess({ dataDir: path.join(dataDir, 'postgres'), port, database: 'grantflow' });
      running.push({ name: 'PostgreSQL', stop: postgres.stop });
      databaseUrl = postgres.url;
    }
    step('applying database migrations');
    migrateDeploy(databaseUrl);

    const appDatabase = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
    const databases = options.temporalDatabases ?? { temporal: `${appDatabase}_temporal`, visibility: `${appDatabase}_temporal_visibility` };
    const postgresServer = postgresServerOf(databaseUrl);
    await prepareTemporalDatabases(binaries, postgresServer, databases, say);
    const namespace = options.namespace ?? options.env?.TEMPORAL_NAMESPACE ?? 'default';
    const historyShards = options.historyShards ?? 4;
    step(`starting the Temporal server (${historyShards} history shards)`);
    const temporal = await startTemporalServer({
      binaries,
      postgres: postgresServer,
      databases,
      dataDir: path.join(dataDir, 'temporal'),
      port: options.ports?.temporal,
      historyShards,
      namespace,
      output: (line) => fs.appendFileSync(path.join(ensureDir(path.join(dataDir, 'logs')), 'temporal-server.log'), `${line}\n`),
      onUnexpectedExit: unexpectedExit('temporal-server'),
    });
    running.push({ name: 'Temporal server', stop: temporal.stop });

    let smtpUrl = options.smtpUrl;
    let mailUi: string | undefined;
    if (!smtpUrl) {
      const smtpPort = options.ports?.smtp ?? (await findFreePort());
      const webPort = options.ports?.mailWeb ?? (await findFreePort());
      step(`starting the mail catcher (SMTP 127.0.0.1:${smtpPort})`);
      const mail = await startMailCatcher({ smtpPort, webPort, dataDir: path.join(dataDir, 'mail') });
      running.push({ name: 'mail catcher', stop: () => mail.process.stop() });
      smtpUrl = mail.smtpUrl;
      mailUi = mail.webUrl;
    }

    const proxyPort = options.ports?.proxy ?? (await findFreePort());
    const webUiPort = options.ports?.webUi ?? (await findFreePort());
    const baseEnv = options.env ?? process.env;
    const publicBaseUrl = baseEnv.PUBLIC_BASE_URL || `http://localhost:${proxyPort}`;
    const env: NodeJS.ProcessEnv = {
      ...baseEnv,
      NODE_ENV: baseEnv.NODE_ENV || 'development',
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: namespace,
      SMTP_URL: smtpUrl,
      PUBLIC_BASE_URL: publicBaseUrl,
      // Readiness is read from the services' log lines: they must log at least at info.
      LOG_LEVEL: ['trace', 'debug', 'info'].includes(baseEnv.LOG_LEVEL ?? '') ? baseEnv.LOG_LEVEL : 'info',
      TEMPORAL_CODEC_CORS_ORIGINS: baseEnv.TEMPORAL_CODEC_CORS_ORIGINS || `http://127.0.0.1:${webUiPort}`,
    };
    const { config, demoPassword } = await prepareLocalApplication(env, dataDir, say);

    const logDir = path.join(dataDir, 'logs');
    const replicas: Replica[] = [];
    const counts = { api: 2, worker: 2, mailer: 2, ...options.replicas };
    for (const kind of ['worker', 'mailer', 'api'] as const) {
      for (let index = 1; index <= counts[kind]; index += 1) {
        const name = `${kind}-${index}`;
        const port = kind === 'api' ? await findFreePort() : undefined;
        const metricsPort = kind === 'worker' ? await findFreePort() : undefined;
        const replica = createReplica({
          name,
          kind,
          port,
          metricsUrl: metricsPort ? `http://127.0.0.1:${metricsPort}/metrics` : undefined,
          env: { ...env, ...(port ? { PORT: String(port) } : {}), ...(metricsPort ? { WORKER_METRICS_PORT: String(metricsPort) } : {}) },
          logDir,
          output: options.serviceOutput,
          onUnexpectedExit: (exited, code) => unexpectedExit(exited)(code),
        });
        replicas.push(replica);
      }
      // The replicas of one service stop together (each gracefully), services in reverse order.
      const ofKind = replicas.filter((replica) => replica.kind === kind);
      running.push({ name: `${kind} replicas`, stop: async () => void (await Promise.all(ofKind.map((replica) => replica.stop()))) });
    }
    step(`starting ${counts.worker} workers, ${counts.mailer} mailers and ${counts.api} API replicas`);
    // The first API replica seeds the demo data (development) before the others start beside it.
    const [firstApi, ...otherApis] = replicas.filter((replica) => replica.kind === 'api');
    await Promise.all([...replicas.filter((replica) => replica.kind !== 'api').map((replica) => replica.start()), firstApi!.start()]);
    await Promise.all(otherApis.map((replica) => replica.start()));

    step(`starting the reverse proxy on 127.0.0.1:${proxyPort}`);
    const proxy = await startReverseProxy({
      dataDir: path.join(dataDir, 'proxy'),
      port: proxyPort,
      statsPort: options.ports?.proxyStats ?? (await findFreePort()),
      backends: replicas.filter((replica) => replica.kind === 'api').map((replica) => ({ name: replica.name, port: replica.port! })),
      log: say,
      output: (line) => fs.appendFileSync(path.join(logDir, 'haproxy.log'), `${line}\n`),
    });
    running.push({ name: 'reverse proxy', stop: proxy.stop });
    void proxy.process.exited.then(unexpectedExit('haproxy'));

    let webUi: WebUi | undefined;
    if (uiBinary) {
      step(`starting the Temporal Web UI on 127.0.0.1:${webUiPort}`);
      webUi = await startWebUi({
        binary: uiBinary,
        dataDir: path.join(dataDir, 'temporal-ui'),
        port: webUiPort,
        temporalAddress: temporal.address,
        namespace,
        codecEndpoint: new URL('/codec', publicBaseUrl).toString(),
        output: (line) => fs.appendFileSync(path.join(logDir, 'temporal-ui.log'), `${line}\n`),
      });
      running.push({ name: 'Temporal Web UI', stop: webUi.stop });
      void webUi.process.exited.then(unexpectedExit('temporal-ui'));
    }

    step();
    const credentials = new URL(databaseUrl);
    credentials.password = '';
    return {
      addresses: {
        proxy: publicBaseUrl,
        proxyStats: proxy.statsUrl,
        temporal: temporal.address,
        temporalMetrics: temporal.metricsUrl,
        webUi: webUi?.url,
        mailUi,
        smtp: smtpUrl.replace(/\/\/[^@]*@/, '//'),
        database: credentials.toString(),
        apiReplicas: Object.fromEntries(replicas.filter((r) => r.port).map((r) => [r.name, `http://127.0.0.1:${r.port}`])),
        workerMetrics: Object.fromEntries(replicas.filter((r) => r.metricsUrl).map((r) => [r.name, r.metricsUrl!])),
        logs: logDir,
      },
      config,
      demoPassword,
      temporal,
      proxy,
      webUi,
      replicas,
      replica(name: string) {
        const found = replicas.find((replica) => replica.name === name);
        if (!found) throw new Error(`no replica ${name} (there are ${replicas.map((r) => r.name).join(', ')})`);
        return found;
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
