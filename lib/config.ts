import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { registerSettingsProblems, registerSettingsSchema } from './register-settings';
import { productionSecurityProblems, securitySettingsSchema } from './security-settings';
import { oidcSettingsProblems, oidcSettingsSchema } from './oidc-settings';
import { memberOidcSettingsProblems, memberOidcSettingsSchema } from './member-oidc-settings';
import { rateLimitSettingsSchema } from './rate-limit-settings';
import { intakeSettingsSchema } from './intake-settings';
import { retentionSettingsSchema, scheduleSetting } from './retention-settings';
import { noticeSettingsSchema } from './notice-settings';
import { signingSettingsSchema } from './signing/signing-settings';
import { parseDuration } from './durations';
import { parsePayloadKeys } from './payload-codec';
import { temporalSecurityProblems } from './temporal-security';
import { DEFAULT_REGISTER_FILES, DEMO_MUNICIPALITY, jurisdictionSettingsSchema } from './jurisdiction-settings';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const durationString = z.string().refine((value) => {
  try {
    return parseDuration(value) > 0;
  } catch {
    return false;
  }
}, 'must be a duration such as 30m, 10h or PT30M');

const urlWithProtocol = (protocols: string[]) =>
  z
    .string()
    .url()
    .refine((value) => protocols.some((protocol) => value.startsWith(`${protocol}:`)), {
      message: `must start with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    });

/** Every setting the services read, with its default. `.env.example` lists the same. */
export const configSchema = z.object({
  ...jurisdictionSettingsSchema.shape,
  ...registerSettingsSchema.shape,
  ...securitySettingsSchema.shape,
  ...oidcSettingsSchema.shape,
  ...memberOidcSettingsSchema.shape,
  ...rateLimitSettingsSchema.shape,
  ...intakeSettingsSchema.shape,
  ...retentionSettingsSchema.shape,
  ...noticeSettingsSchema.shape,
  ...signingSettingsSchema.shape,
  /**
   * How often the round alerts run (a Temporal Schedule the worker creates or updates at start-up):
   * an interval such as PT15M, or a cron expression in MUNICIPALITY_TIME_ZONE.
   */
  ROUND_ALERT_SCHEDULE: scheduleSetting('PT15M'),
  // Required: a service that silently assumed "development" in production would run without its guards.
  NODE_ENV: z.enum(['development', 'test', 'production']),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: urlWithProtocol(['postgresql', 'postgres']),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^\s:]+:\d+$/, 'must be host:port, e.g. 127.0.0.1:7233')
    .default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('grantflow'),
  TEMPORAL_TLS: booleanFromEnv.default(false),
  TEMPORAL_TLS_CERT_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().min(1).optional(),
  /** The CA that signed the Temporal frontend's certificate, when it is not one the system trusts (implies TLS). */
  TEMPORAL_TLS_CA_PATH: z.string().min(1).optional(),
  /** The name to verify the frontend's certificate against, when it differs from TEMPORAL_ADDRESS's host. */
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  /**
   * Keys that encrypt workflow payloads (AES-256-GCM): `kid1:base64key,kid2:base64key`, each key 32
   * random bytes. Every key listed still decrypts; TEMPORAL_PAYLOAD_KEY_ID names the one new payloads
   * are sealed with. Required in production; elsewhere a key generated into DATA_DIR.
   */
  TEMPORAL_PAYLOAD_KEYS: z
    .string()
    .superRefine((value, context) => {
      try {
        parsePayloadKeys(value);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
      }
    })
    .optional(),
  TEMPORAL_PAYLOAD_KEY_ID: z.string().min(1).optional(),
  /** Origins (e.g. the Temporal Web UI's, comma-separated) allowed to call /codec/encode and /codec/decode from a browser. */
  TEMPORAL_CODEC_CORS_ORIGINS: z
    .string()
    .refine((value) => value.split(',').every((origin) => /^https?:\/\/[^/\s]+$/.test(origin.trim())), 'must be origins such as https://temporal-ui.example.dk, comma-separated')
    .optional(),
  SMTP_URL: urlWithProtocol(['smtp', 'smtps']).default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().min(3).default('Grantflow <no-reply@grantflow.local>'),
  PUBLIC_BASE_URL: urlWithProtocol(['http', 'https']).default('http://localhost:3000'),
  DATA_DIR: z.string().min(1).default('.data'),
  // Who sends the letters: printed on every decision letter and email.
  MUNICIPALITY_NAME: z.string().min(1).default('Eksempel Kommune'),
  MUNICIPALITY_DEPARTMENT: z.string().min(1).default('Social og Sundhed, Frivillighed'),
  MUNICIPALITY_ADDRESS: z.string().min(1).default('Rådhuspladsen 1, 9999 Eksempelby'),
  MUNICIPALITY_EMAIL: z.string().email().default('frivillighed@eksempel.dk'),
  MUNICIPALITY_PHONE: z.string().min(1).default('99 99 99 99'),
  /**
   * The account a repayment is paid to, printed on every repayment claim: "reg.nr. kontonr.",
   * e.g. "9999 0001234567". A demo account outside production; production requires it.
   */
  MUNICIPALITY_ACCOUNT: z
    .string()
    .regex(/^\d{4} \d{6,10}$/, 'must be a Danish bank account: registration number (4 digits), a space, account number (6–10 digits)')
    .optional(),
  /** Every date and time people read, and every deadline, is in this IANA time zone. */
  MUNICIPALITY_TIME_ZONE: z
    .string()
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Europe/Copenhagen or Europe/Oslo')
    .default('Europe/Copenhagen'),
  SEED_DEMO_DATA: booleanFromEnv.optional(),
  /** Password of the seeded demo staff accounts (development only). */
  GRANTFLOW_DEMO_PASSWORD: z.string().min(12).optional(),
  /**
   * How long an association's private links (?adgang=…) keep opening a case after it closed
   * (closed, withdrawn or lapsed); while a case is open they work. Staff can revoke them sooner.
   */
  PRIVATE_LINK_TTL: durationString.default('P1Y'),
  STAFF_SESSION_IDLE_TIMEOUT: durationString.default('30m'),
  STAFF_SESSION_ABSOLUTE_TIMEOUT: durationString.default('10h'),
  /** Uploads: the largest file accepted, and how many files one application (or answer) may hold. */
  UPLOAD_MAX_FILE_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
  UPLOAD_MAX_FILES: z.coerce.number().int().min(1).max(100).default(10),
  /**
   * Secret for deriving CSRF tokens and sealing page cookies. Generated at start when unset
   * (development and tests); production refuses to start without it.
   */
  COOKIE_SECRET: z.string().min(32).optional(),
  /** Port of the worker's Prometheus endpoint (the Temporal SDK's own metrics); 0 turns it off. */
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  /** Port of the mailer's probes (/livez, /readyz) for an orchestrator; 0 (the default) turns them off. */
  MAILER_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /** The address the mailer's probes listen on (0.0.0.0 in a container, so the orchestrator reaches them). */
  MAILER_HEALTH_HOST: z.string().min(1).default('127.0.0.1'),
  /**
   * Workflows the worker keeps in memory between their tasks. The SDK sizes its default to the
   * heap (thousands on a large machine, about 1.5 MB each); a case waits months between events,
   * so a small cache costs a short replay now and then and keeps the worker's memory bounded.
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(100_000).default(200),
  /**
   * The outbox retries a message the SMTP server refused after OUTBOX_RETRY_BASE, doubling each
   * time up to OUTBOX_RETRY_MAX (each wait with random jitter), and after OUTBOX_MAX_ATTEMPTS
   * attempts sets it aside as a dead letter (status `dead`) for an operator.
   */
  OUTBOX_RETRY_BASE: durationString.default('10s'),
  OUTBOX_RETRY_MAX: durationString.default('1h'),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(15),
});

/** The demo account repayment letters name outside production. */
export const DEMO_MUNICIPALITY_ACCOUNT = '9999 0001234567';

export type Config = Omit<z.infer<typeof configSchema>, 'SEED_DEMO_DATA' | 'DATA_DIR' | 'COOKIE_SECRET' | 'MUNICIPALITY_ACCOUNT'> & {
  MUNICIPALITY_ACCOUNT: string;
  DATA_DIR: string;
  COOKIE_SECRET: string;
  /** Seed a demo funding round; on by default in development, refused in production. */
  SEED_DEMO_DATA: boolean;
};

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}\n` +
        'See .env.example for every variable and its default.',
    );
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment once; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most shells' `VAR= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '(environment)'),
        message: issue.path.length && present[String(issue.path[0])] === undefined ? 'is required' : issue.message,
      })),
    );
  }
  const values = parsed.data;
  const problems: { variable: string; message: string }[] = [];
  if (values.SEED_DEMO_DATA && values.NODE_ENV === 'production') {
    problems.push({ variable: 'SEED_DEMO_DATA', message: 'demo data is never seeded in production' });
  }
  if (Boolean(values.TEMPORAL_TLS_CERT_PATH) !== Boolean(values.TEMPORAL_TLS_KEY_PATH)) {
    problems.push({
      variable: values.TEMPORAL_TLS_CERT_PATH ? 'TEMPORAL_TLS_KEY_PATH' : 'TEMPORAL_TLS_CERT_PATH',
      message: 'mTLS needs both TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH',
    });
  }
  problems.push(...registerSettingsProblems(values));
  problems.push(...temporalSecurityProblems(values));
  if (!values.COOKIE_SECRET && values.NODE_ENV === 'production') {
    problems.push({ variable: 'COOKIE_SECRET', message: 'is required in production (at least 32 characters)' });
  }
  if (values.BUSINESS_REGISTER === 'local' && values.NODE_ENV === 'production') {
    problems.push({ variable: 'BUSINESS_REGISTER', message: 'the local register holds fictional associations; use cvr or brreg in production' });
  }
  if (!values.MUNICIPALITY_ACCOUNT && values.NODE_ENV === 'production') {
    problems.push({ variable: 'MUNICIPALITY_ACCOUNT', message: 'is required in production: repayment claims tell associations where to pay' });
  }
  problems.push(...productionSecurityProblems(values));
  problems.push(...oidcSettingsProblems(values));
  problems.push(...memberOidcSettingsProblems(values));
  if (problems.length) throw new ConfigError(problems);
  // A Norwegian deployment's example municipality, for each sender detail not set.
  const municipalityDefaults = Object.fromEntries(Object.entries(DEMO_MUNICIPALITY[values.JURISDICTION]).filter(([variable]) => present[variable] === undefined));
  return {
    ...values,
    ...municipalityDefaults,
    // The local register ships fictional organisations of the municipality's own country.
    BUSINESS_REGISTER_FILE: present.BUSINESS_REGISTER_FILE === undefined ? DEFAULT_REGISTER_FILES[values.JURISDICTION] : values.BUSINESS_REGISTER_FILE,
    // The privacy notice's and accessibility statement's authorities follow the jurisdiction unless set.
    MUNICIPALITY_COUNTRY: present.MUNICIPALITY_COUNTRY === undefined ? values.JURISDICTION : values.MUNICIPALITY_COUNTRY,
    DATA_DIR: path.resolve(values.DATA_DIR),
    // A per-process secret outside production: cookies and CSRF tokens then last one process's life.
    COOKIE_SECRET: values.COOKIE_SECRET ?? crypto.randomBytes(32).toString('base64url'),
    SEED_DEMO_DATA: values.SEED_DEMO_DATA ?? values.NODE_ENV === 'development',
    MUNICIPALITY_ACCOUNT: values.MUNICIPALITY_ACCOUNT ?? DEMO_MUNICIPALITY_ACCOUNT,
  };
}

/** Entry points read a local `.env` (git-ignored) when there is one; real environment variables win. */
export function loadDotEnvIfPresent(file = '.env'): void {
  if (!fs.existsSync(file)) return;
  const before = { ...process.env };
  process.loadEnvFile(file);
  Object.assign(process.env, before);
}

/** For process entry points: a bad configuration ends the process with the reasons. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
