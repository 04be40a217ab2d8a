import { createOutboxDispatcher } from './dispatcher';
import { loadConfigOrExit, loadDotEnvIfPresent } from '../../lib/config';
import { createDatabase, createSqlPool } from '../../lib/db';
import { createLogger } from '../../lib/logger';
import { createSmtpMailer } from '../../lib/mailer';
import { listenForQueuedMail } from './listen';
import { parseDuration } from '../../lib/durations';
import { startHealthServer } from './health';

// The outbox relay: the only process that talks SMTP. Workers put emails in the outbox; this
// delivers them. Several replicas may run; each claims a message before sending it, so no two send the same one.
async function main(): Promise<void> {
  loadDotEnvIfPresent();
  const config = loadConfigOrExit();
  const log = createLogger('mailer', config.LOG_LEVEL);
  const db = createDatabase(config.DATABASE_URL);
  const mailer = createSmtpMailer(config.SMTP_URL, config.MAIL_FROM);
  const retry = { baseMs: parseDuration(config.OUTBOX_RETRY_BASE), maxMs: parseDuration(config.OUTBOX_RETRY_MAX), maxAttempts: config.OUTBOX_MAX_ATTEMPTS };
  const dispatcher = createOutboxDispatcher({ db, sql: createSqlPool(config.DATABASE_URL, { max: 4 }), mailer, log, retry });
  dispatcher.start();
  const listener = listenForQueuedMail(config.DATABASE_URL, dispatcher, log);
  log.info({ smtp: config.SMTP_URL.replace(/\/\/[^@]*@/, '//') }, 'mailer running');
  const health = config.MAILER_HEALTH_PORT
    ? await startHealthServer({ port: config.MAILER_HEALTH_PORT, host: config.MAILER_HEALTH_HOST, ready: () => db.$queryRaw`SELECT 1` })
    : undefined;
  if (health) log.info({ port: health.port, host: config.MAILER_HEALTH_HOST }, 'mailer probes at /livez and /readyz');

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log.info({ signal }, 'shutting down: finishing the message in flight');
      void Promise.all([dispatcher.stop(), listener.stop(), health?.close()]).then(async () => {
        mailer.close();
        await db.$disconnect();
        log.info('mailer stopped');
        process.exit(0);
      });
    });
  }
}

main().catch((error) => {
  process.stderr.write(`mailer failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
