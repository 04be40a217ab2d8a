import express from 'express';
import type { AppDependencies } from './dependencies';
import { errorHandler, notFoundHandler } from './http/errors';
import { createHttpMetrics } from './http/metrics';
import { createSqlPool } from '../../lib/db';
import { createWorkflowStarter, type WorkflowStarter } from './applications/workflow-starter';
import { intakeSqlPool } from './applications/intake';
import { applicationsRouter } from './routes/applications';
import { draftsRouter } from './routes/drafts';
import { privateLinksRouter } from './routes/private-links';
import { healthRouter } from './routes/health';
import { openApiDocument } from './openapi';
import { roundsRouter } from './routes/rounds';
import { authRouter } from './routes/auth';
import { caseActionsRouter } from './routes/case-actions';
import { acceptanceRouter } from './routes/acceptance';
import { createSigningProvider } from '../../lib/signing/signing-settings';
import { documentsRouter } from './routes/documents';
import { queueRouter } from './routes/queue';
import { allocationRouter } from './routes/allocation';
import { adminRoundsRouter } from './routes/admin-rounds';
import { adminSchemesRouter } from './routes/admin-schemes';
import { adminStaffRouter } from './routes/admin-staff';
import { staffTiesRouter } from './routes/staff-ties';
import { payoutAccountRouter } from './routes/payout-account';
import { accessLogRouter } from './routes/access-log';
import { adminOutboxRouter } from './routes/admin-outbox';
import { payoutRunsRouter } from './routes/payout-runs';
import { statsRouter } from './routes/stats';
import { openDataRouter } from './routes/open-data';
import { temporalCodecRouter } from './routes/temporal-codec';
import { temporalPayloadCodec } from '../../lib/temporal';
import { registerCaseMetrics, registerRetentionMetrics } from './stats/case-metrics';
import { identifyStaff } from './http/staff';
import { textFileForm } from './http/text-file-form';
import { refuseUnstorableText } from './http/storable-text';
import type { Config } from '../../lib/config';
import { pagesRouter } from './pages';
import { SECURE_COOKIES_SETTING, secureCookies } from './http/cookies';
import { securityHeaders } from './http/security-headers';
import { metricsAccess } from './http/metrics-access';
import { useVirusScanner } from './http/uploads';
import { trustProxyValue } from '../../lib/security-settings';
import { pageErrorHandler, pageNotFound } from './pages/errors';
import { anonymousWriteLimits, createRateLimits, uploadConcurrency } from './http/rate-limits';
import { createIntakeAdmission } from './http/intake-admission';
import { recordArrival } from './http/arrival';
import type { SiteSettings } from './pages/layout';
import { configureLocale } from '../../locale';
import { jurisdictionRules } from '../../domain/jurisdiction';
import { PRIVATE_LINK_TTL_SETTING } from './private-links/verdict';
import { parseDuration } from '../../lib/durations';
import { JURISDICTION_SETTING } from './http/language';

export interface App {
  app: express.Express;
  workflows: WorkflowStarter;
  /** With METRICS_PORT set: the app serving /metrics alone, for the internal port (main.ts listens). */
  metricsApp?: express.Express;
}

export function createApp(deps: AppDependencies): App {
  configureLocale({ timeZone: deps.config.MUNICIPALITY_TIME_ZONE, currency: jurisdictionRules(deps.config.JURISDICTION).currency });
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxyValue(deps.config.TRUST_PROXY));
  app.set(SECURE_COOKIES_SETTING, secureCookies(deps.config));
  app.set(PRIVATE_LINK_TTL_SETTING, parseDuration(deps.config.PRIVATE_LINK_TTL));
  app.set(JURISDICTION_SETTING, deps.config.JURISDICTION);
  useVirusScanner(app, deps.virusScanner);
  // Before anything can make a request wait: a submission counts from when it reached us.
  app.use(recordArrival);
  // First, so every response carries them: pages, JSON, assets, errors, 404s.
  app.use(securityHeaders({ https: secureCookies(deps.config) }));
  const metrics = createHttpMetrics();
  registerCaseMetrics(metrics.registry, deps.db);
  registerRetentionMetrics(metrics.registry, deps.db);
  const signing = createSigningProvider(deps.config);
  const intakeSql = intakeSqlPool(deps.config.DATABASE_URL);
  const workflows = createWorkflowStarter({ db: deps.db, sql: intakeSql, temporal: deps.temporal, taskQueue: deps.taskQueue, log: deps.log });

  app.use(metrics.middleware);
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      deps.log.info(
        { method: req.method, url: req.originalUrl.split('?')[0], status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 },
        'request',
      );
    });
    next();
  });

  app.use(healthRouter(deps));
  const serveMetrics: express.RequestHandler = async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
  let metricsApp: express.Express | undefined;
  if (deps.config.METRICS_PORT) {
    metricsApp = express();
    metricsApp.disable('x-powered-by');
    metricsApp.get('/metrics', metricsAccess(deps.config.METRICS_TOKEN), serveMetrics);
  } else {
    app.get('/metrics', metricsAccess(deps.config.METRICS_TOKEN), serveMetrics);
  }

  // Before the staff identity: the Web UI's codec calls carry no CSRF token, and change nothing.
  app.use(
    temporalCodecRouter({
      authenticator: deps.authenticator,
      log: deps.log,
      codec: temporalPayloadCodec(deps.config),
      corsOrigins: deps.config.TEMPORAL_CODEC_CORS_ORIGINS?.split(',').map((origin) => origin.trim()) ?? [],
    }),
  );

  // Form posts are read before the staff identity, so a cookie-authenticated form's CSRF field is there.
  app.use(express.urlencoded({ extended: false, limit: '1mb', parameterLimit: 2000 }));
  app.use(refuseUnstorableText());
  // Submissions wait their turn before the rate limits' and the handlers' database work.
  app.use(createIntakeAdmission(deps.config, metrics.registry).middleware);
  app.use('/personale/udbetalinger', textFileForm());
  app.use(identifyStaff({ authenticator: deps.authenticator, cookieSecret: deps.config.COOKIE_SECRET, publicBaseUrl: deps.publicBaseUrl }));
  // Before any handler reads a body or stores anything: a refused request changes nothing.
  const rateLimits = createRateLimits(createSqlPool(deps.config.DATABASE_URL), deps.config);
  app.use(uploadConcurrency(deps.config.UPLOAD_MAX_CONCURRENT));
  app.use(anonymousWriteLimits(rateLimits));

  const api = express.Router();
  api.use(express.json({ limit: '1mb' }));
  api.use(refuseUnstorableText());
  const openApi = openApiDocument(deps.publicBaseUrl, deps.config.JURISDICTION);
  api.get('/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  api.use(authRouter({ ...deps, secureCookies: secureCookies(deps.config) }));
  api.use(roundsRouter({ ...deps, rateLimits }));
  api.use(applicationsRouter({ ...deps, workflows, sql: intakeSql }));
  api.use(draftsRouter({ ...deps, workflows, sql: intakeSql, rateLimits }));
  api.use(privateLinksRouter({ ...deps, rateLimits }));
  api.use(caseActionsRouter(deps));
  api.use(acceptanceRouter({ ...deps, signing }));
  api.use(documentsRouter(deps));
  api.use(queueRouter(deps));
  api.use(allocationRouter(deps));
  api.use(adminRoundsRouter(deps));
  api.use(adminSchemesRouter(deps));
  api.use(adminStaffRouter(deps));
  api.use(staffTiesRouter(deps));
  api.use(payoutAccountRouter(deps));
  api.use(accessLogRouter(deps));
  api.use(adminOutboxRouter(deps));
  api.use(payoutRunsRouter(deps));
  api.use(statsRouter(deps));
  api.use(openDataRouter(deps));
  app.use('/api/v1', api);

  const site = siteSettings(deps.config);
  app.use(pagesRouter({ ...deps, site, workflows, sql: intakeSql, rateLimits, signing }));

  app.use(pageNotFound(site));
  app.use(notFoundHandler);
  app.use(pageErrorHandler(site, deps.log));
  app.use(errorHandler(deps.log));
  return { app, workflows, metricsApp };
}

export function siteSettings(config: Config): SiteSettings {
  return {
    municipalityName: config.MUNICIPALITY_NAME,
    municipalityDepartment: config.MUNICIPALITY_DEPARTMENT,
    municipalityEmail: config.MUNICIPALITY_EMAIL, municipalityPhone: config.MUNICIPALITY_PHONE,
    jurisdiction: config.JURISDICTION };
}
