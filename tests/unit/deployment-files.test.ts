import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { execFileSync } from 'node:child_process';
import YAML from 'yaml';
import { configSchema, loadConfig } from '../../lib/config';
import { generatePayloadKeyEntry } from '../../lib/payload-codec';
import { cachedGoTool, GO_TOOLS } from '../../infra/go-tools';

// The deployment files cannot run here (no container engine, no cluster), so they are checked as
// what they are: YAML and a Dockerfile that must fit the code they deploy.

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const SETTINGS = new Set(Object.keys(configSchema.shape));
/** Variables the containers set that are Node's or the shell's, not grantflow's. */
const PLATFORM_VARIABLES = new Set(['NODE_OPTIONS', 'HOME']);
const SECRET_NAME = /SECRET|PASSWORD|TOKEN|API_KEY|PAYLOAD_KEYS|DATABASE_URL|SMTP_URL/;

/** Stand-ins for what the Secrets hold, shaped as the configuration wants them. */
const payloadKeys = generatePayloadKeyEntry('2026-01');
const SECRET_STAND_INS: Record<string, string> = {
  DATABASE_URL: 'postgresql://grantflow:stand-in@postgres:5432/grantflow',
  COOKIE_SECRET: 'c'.repeat(43),
  TEMPORAL_PAYLOAD_KEYS: payloadKeys,
  TEMPORAL_PAYLOAD_KEY_ID: '2026-01',
  SMTP_URL: 'smtps://grantflow:stand-in@smtp.example.dk:465',
  CVR_REGISTER_USERNAME: 'grantflow',
  CVR_REGISTER_PASSWORD: 'stand-in',
  OIDC_CLIENT_SECRET: 'stand-in',
  TEMPORAL_API_KEY: 'stand-in',
};

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  data?: Record<string, string | null>;
}

function yamlDocuments(file: string): unknown[] {
  const documents = YAML.parseAllDocuments(read(file), { merge: true });
  for (const document of documents) expect({ file, errors: document.errors.map(String) }).toEqual({ file, errors: [] });
  return documents.map((document) => document.toJS()).filter((value) => value !== null);
}

const KUSTOMIZE_DIR = 'deploy/kubernetes/base';
const kustomization = yamlDocuments(`${KUSTOMIZE_DIR}/kustomization.yaml`)[0] as { resources: string[]; images: { name: string }[] };
const manifests = kustomization.resources.flatMap((file) => yamlDocuments(`${KUSTOMIZE_DIR}/${file}`)) as Manifest[];
const ofKind = (kind: string) => manifests.filter((m) => m.kind === kind);
const configMap = ofKind('ConfigMap').find((m) => m.metadata.name === 'grantflow-config')!;
const workloads = [...ofKind('Deployment'), ...ofKind('Job')];

describe('every YAML file of the deployment and monitoring', () => {
  it('parses', () => {
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'deploy', 'infra/prometheus'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((file) => /\.ya?ml$/.test(file));
    expect(files.length).toBeGreaterThanOrEqual(15);
    for (const file of files) expect(yamlDocuments(file).length).toBeGreaterThan(0);
  });
});

describe('the Kubernetes manifests', () => {
  it('define the three services, the migration job and the autoscaler', () => {
    expect(ofKind('Deployment').map((d) => d.metadata.name).sort()).toEqual(['grantflow-api', 'grantflow-mailer', 'grantflow-worker']);
    expect(ofKind('Job').map((j) => j.metadata.name)).toEqual(['grantflow-migrate']);
    expect(ofKind('ScaledObject')).toHaveLength(1);
    for (const deployment of ofKind('Deployment')) expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
  });

  it('run every container unprivileged, read-only, with resource requests and a memory limit', () => {
    for (const workload of workloads) {
      const pod = workload.spec.template.spec;
      expect({ name: workload.metadata.name, runAsNonRoot: pod.securityContext?.runAsNonRoot }).toEqual({ name: workload.metadata.name, runAsNonRoot: true });
      expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
      expect(pod.automountServiceAccountToken).toBe(false);
      for (const container of pod.containers) {
        expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
        expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
        expect(container.resources.limits.memory).toEqual(expect.any(String));
        expect(container.image).toMatch(/^registry\.example\.dk\/grantflow:\d+\.\d+\.\d+$/);
        expect(kustomization.images.map((image) => image.name)).toContain(container.image.split(':')[0]);
        // The command runs a file of this repository.
        const entry = (container.command as string[]).find((part) => part.endsWith('.ts'))!;
        expect(fs.existsSync(path.join(ROOT, entry))).toBe(true);
        // Every mount has its volume; /tmp is the only writable place.
        const volumes = new Set((pod.volumes ?? []).map((volume: { name: string }) => volume.name));
        for (const mount of container.volumeMounts ?? []) expect(volumes).toContain(mount.name);
        expect((container.volumeMounts ?? []).map((mount: { mountPath: string }) => mount.mountPath)).toContain('/tmp');
      }
    }
  });

  it('probe readiness and liveness on ports the configuration opens', () => {
    const portSetting: Record<string, string> = { http: 'PORT', metrics: 'WORKER_METRICS_PORT', health: 'MAILER_HEALTH_PORT' };
    for (const deployment of ofKind('Deployment')) {
      for (const container of deployment.spec.template.spec.containers) {
        for (const probe of ['readinessProbe', 'livenessProbe'] as const) {
          const port = container[probe]?.httpGet?.port as string;
          expect({ deployment: deployment.metadata.name, probe, port: typeof port }).toEqual({ deployment: deployment.metadata.name, probe, port: 'string' });
          const declared = container.ports.find((p: { name: string }) => p.name === port);
          expect(String(declared.containerPort)).toBe(configMap.data![portSetting[port]!]);
        }
      }
    }
    // The API's readiness is its own health check; its liveness needs neither database nor Temporal.
    const api = ofKind('Deployment').find((d) => d.metadata.name === 'grantflow-api')!.spec.template.spec.containers[0];
    expect(api.readinessProbe.httpGet.path).toBe('/healthz');
    expect(fs.existsSync(path.join(ROOT, 'services/api/pages', api.livenessProbe.httpGet.path.replace('/assets/', 'assets/')))).toBe(true);
    expect(configMap.data!.METRICS_PORT).toBe(String(api.ports.find((p: { name: string }) => p.name === 'metrics').containerPort));
  });

  it('set only settings the configuration knows, and every secret from a Secret', () => {
    for (const key of Object.keys(configMap.data!)) {
      expect({ key, known: SETTINGS.has(key), secret: SECRET_NAME.test(key) }).toEqual({ key, known: true, secret: false });
    }
    for (const workload of workloads) {
      for (const container of workload.spec.template.spec.containers) {
        for (const ref of container.envFrom ?? []) expect(ref.configMapRef?.name).toBe('grantflow-config');
        for (const variable of container.env ?? []) {
          expect({ name: variable.name, known: SETTINGS.has(variable.name) || PLATFORM_VARIABLES.has(variable.name) }).toEqual({ name: variable.name, known: true });
          if (SECRET_NAME.test(variable.name)) {
            expect({ name: variable.name, literal: variable.value }).toEqual({ name: variable.name, literal: undefined });
            expect(variable.valueFrom.secretKeyRef.name).toBe('grantflow-secrets');
          }
        }
      }
    }
  });

  it('give each service a configuration that production accepts', () => {
    for (const deployment of ofKind('Deployment')) {
      const container = deployment.spec.template.spec.containers[0];
      const env: Record<string, string> = { ...(configMap.data as Record<string, string>) };
      for (const variable of container.env) {
        env[variable.name] = variable.value ?? SECRET_STAND_INS[variable.valueFrom.secretKeyRef.key as string];
      }
      expect(() => loadConfig(env)).not.toThrow();
      expect(loadConfig(env).NODE_ENV).toBe('production');
    }
  });

  it('send the Service, the budgets and the autoscaler to the right pods', () => {
    const podLabels = (name: string) => ofKind('Deployment').find((d) => d.metadata.name === name)!.spec.template.metadata.labels;
    const service = ofKind('Service')[0]!;
    expect(podLabels('grantflow-api')).toMatchObject(service.spec.selector);
    for (const budget of ofKind('PodDisruptionBudget')) {
      expect(ofKind('Deployment').some((d) => Object.entries(budget.spec.selector.matchLabels).every(([k, v]) => d.spec.template.metadata.labels[k] === v))).toBe(true);
    }
    const scaler = ofKind('ScaledObject')[0]!;
    expect(scaler.spec.scaleTargetRef.name).toBe('grantflow-worker');
    expect(scaler.spec.minReplicaCount).toBeGreaterThanOrEqual(2);
    const [trigger] = scaler.spec.triggers;
    expect(trigger).toMatchObject({
      type: 'temporal',
      metadata: { endpoint: configMap.data!.TEMPORAL_ADDRESS, namespace: configMap.data!.TEMPORAL_NAMESPACE, taskQueue: configMap.data!.TEMPORAL_TASK_QUEUE },
    });
    expect(ofKind('TriggerAuthentication').map((t) => t.metadata.name)).toContain(trigger.authenticationRef.name);
  });

  it('expect the Temporal cluster that the Helm chart values describe', () => {
    const values = yamlDocuments('deploy/kubernetes/temporal-values.yaml')[0] as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    const stores = values.server.config.persistence.datastores;
    expect([stores.default.sql.pluginName, stores.visibility.sql.pluginName]).toEqual(['postgres12', 'postgres12']);
    expect(stores.default.sql.password).toBeUndefined();
    expect(values.server.config.namespaces.namespace.map((n: { name: string }) => n.name)).toContain(configMap.data!.TEMPORAL_NAMESPACE);
    expect(values.server.tls.frontend).toMatchObject({ enabled: true, requireClientAuth: true, serverName: configMap.data!.TEMPORAL_TLS_SERVER_NAME });
    for (const role of ['frontend', 'history', 'matching', 'worker']) expect(values.server[role].replicaCount).toBeGreaterThanOrEqual(2);
    expect(configMap.data!.TEMPORAL_ADDRESS).toMatch(/^temporal-frontend\.temporal\.svc\.cluster\.local:7233$/);
  });

  it('switch to Temporal Cloud with the API key from the Secret (the overlay)', () => {
    const overlay = yamlDocuments(`deploy/kubernetes/temporal-cloud/kustomization.yaml`)[0] as { resources: string[]; patches: { path: string }[] };
    expect(overlay.resources).toEqual(['../base']);
    const config = yamlDocuments(`deploy/kubernetes/temporal-cloud/config.yaml`)[0] as Manifest;
    for (const key of Object.keys(config.data!)) expect(SETTINGS.has(key)).toBe(true);
    const cloudEnv = Object.fromEntries(Object.entries({ ...configMap.data, ...config.data }).filter(([, value]) => value !== null)) as Record<string, string>;
    expect(() => loadConfig({ ...cloudEnv, ...SECRET_STAND_INS, TEMPORAL_TLS: 'false' })).not.toThrow();
    expect(cloudEnv.TEMPORAL_TLS_CA_PATH).toBeUndefined();
    const [, addKey] = yamlDocuments(`deploy/kubernetes/temporal-cloud/api-key.yaml`)[0] as { value: { name: string; valueFrom: { secretKeyRef: { name: string } } } }[];
    expect(addKey!.value).toMatchObject({ name: 'TEMPORAL_API_KEY', valueFrom: { secretKeyRef: { name: 'grantflow-secrets' } } });
    const [scaler, auth] = yamlDocuments(`deploy/kubernetes/temporal-cloud/scaler.yaml`) as Manifest[];
    expect(scaler!.spec.triggers[0].metadata).toMatchObject({ endpoint: config.data!.TEMPORAL_ADDRESS, namespace: config.data!.TEMPORAL_NAMESPACE });
    expect(auth!.spec.secretTargetRef).toEqual([{ parameter: 'apiKey', name: 'grantflow-secrets', key: 'TEMPORAL_API_KEY' }]);
    for (const patch of overlay.patches) expect(fs.existsSync(path.join(ROOT, 'deploy/kubernetes/temporal-cloud', patch.path))).toBe(true);
  });

  it('build with kustomize, the base and the Temporal Cloud overlay alike (when kustomize is in the cache)', () => {
    const kustomize = cachedGoTool('kustomize');
    if (!kustomize) {
      process.stderr.write(`kustomize ${GO_TOOLS.kustomize.version} is not in the cache (npm run go-tools:ensure builds it): the manifests were checked file by file\n`);
      return;
    }
    const build = (dir: string) =>
      YAML.parseAllDocuments(execFileSync(kustomize, ['build', dir], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' })).map((d) => d.toJS()) as Manifest[];
    const base = build('deploy/kubernetes/base');
    expect(base.map((m) => `${m.kind}/${m.metadata.name}`).sort()).toEqual(manifests.map((m) => `${m.kind}/${m.metadata.name}`).sort());
    for (const manifest of base) expect((manifest.metadata as { namespace?: string }).namespace).toBe('grantflow');

    const cloud = build('deploy/kubernetes/temporal-cloud');
    const cloudConfig = cloud.find((m) => m.kind === 'ConfigMap')!.data as Record<string, string>;
    expect(Object.keys(cloudConfig).filter((key) => key.startsWith('TEMPORAL_TLS_'))).toEqual([]);
    for (const deployment of cloud.filter((m) => m.kind === 'Deployment')) {
      const pod = deployment.spec.template.spec;
      expect(JSON.stringify(pod.volumes)).not.toContain('grantflow-temporal-tls');
      const env: Record<string, string> = { ...cloudConfig };
      for (const variable of pod.containers[0].env) env[variable.name] = variable.value ?? SECRET_STAND_INS[variable.valueFrom.secretKeyRef.key as string];
      const usesTemporal = deployment.metadata.name !== 'grantflow-mailer';
      expect({ name: deployment.metadata.name, apiKey: 'TEMPORAL_API_KEY' in env }).toEqual({ name: deployment.metadata.name, apiKey: usesTemporal });
      expect(() => loadConfig(env)).not.toThrow();
    }
    expect(cloud.find((m) => m.kind === 'TriggerAuthentication')!.spec.secretTargetRef).toEqual([{ parameter: 'apiKey', name: 'grantflow-secrets', key: 'TEMPORAL_API_KEY' }]);
  });
});

describe('the compose file', () => {
  const compose = yamlDocuments('deploy/compose/compose.yaml')[0] as { services: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  const services = compose.services;
  /** Compose's `${NAME:?message}` and `${NAME:-default}` as they come out with the operator's .env. */
  const interpolate = (value: string) => value.replace(/\$\{(\w+)(?::[?-][^}]*)?\}/g, (_, name: string) => (name === 'GRANTFLOW_DOMAIN' ? 'tilskud.example.dk' : 'stand-in'));
  const exampleEnv = Object.fromEntries(
    read('deploy/compose/grantflow.env.example')
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );

  it('runs grantflow, Temporal and PostgreSQL, each long-running service with a health check', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['api', 'mailer', 'migrate', 'postgres', 'proxy', 'temporal', 'temporal-namespace', 'temporal-schema', 'temporal-ui', 'worker'].sort(),
    );
    expect(services.temporal.image).toMatch(/^temporalio\/server:/);
    expect(services['temporal-ui'].image).toMatch(/^temporalio\/ui:/);
    expect(services.postgres.image).toMatch(/^postgres:/);
    for (const name of ['postgres', 'temporal', 'api', 'worker', 'mailer', 'proxy']) expect(services[name].healthcheck.test.length).toBeGreaterThan(1);
    for (const name of ['api', 'worker', 'mailer']) expect(services[name].deploy.replicas).toBeGreaterThanOrEqual(2);
    for (const [name, service] of Object.entries(services)) {
      for (const dependency of Object.keys(service.depends_on ?? {})) expect({ name, dependency, exists: dependency in services }).toEqual({ name, dependency, exists: true });
    }
  });

  it('gives grantflow settings production accepts, and takes every secret from outside the file', () => {
    for (const name of ['api', 'worker', 'mailer']) {
      const service = services[name];
      expect(service.build.context).toBe('../..');
      expect(service.read_only).toBe(true);
      const entry = (service.command as string[]).find((part) => part.endsWith('.ts'))!;
      expect(fs.existsSync(path.join(ROOT, entry))).toBe(true);
      for (const [key, value] of Object.entries(service.environment as Record<string, string>)) {
        expect(SETTINGS.has(key)).toBe(true);
        if (SECRET_NAME.test(key)) expect(value).toMatch(/\$\{\w+:\?[^}]+\}/);
      }
      const env: Record<string, string> = { ...exampleEnv };
      for (const [key, value] of Object.entries(exampleEnv)) {
        expect(SETTINGS.has(key)).toBe(true);
        if (!value) env[key] = SECRET_STAND_INS[key] ?? COMPOSE_STAND_INS[key]!;
      }
      for (const [key, value] of Object.entries(service.environment as Record<string, string>)) env[key] = interpolate(value);
      expect(() => loadConfig(env)).not.toThrow();
    }
    for (const service of Object.values(services)) {
      for (const [key, value] of Object.entries((service.environment ?? {}) as Record<string, string>)) {
        if (/PASSWORD|PWD/.test(key)) expect(value).toMatch(/^\$\{\w+:\?[^}]+\}$/);
      }
    }
  });

  it('checks each grantflow service on the port its settings open', () => {
    const env = services.api.environment as Record<string, string>;
    expect(services.worker.healthcheck.test.join(' ')).toContain(`127.0.0.1:${env.WORKER_METRICS_PORT}/metrics`);
    expect(services.mailer.healthcheck.test.join(' ')).toContain(`127.0.0.1:${env.MAILER_HEALTH_PORT}/readyz`);
    expect(services.api.healthcheck.test.join(' ')).toContain('127.0.0.1:3000/healthz');
  });

  it('mounts files that are in the repository or that make-certificates.sh writes', () => {
    for (const service of Object.values(services)) {
      for (const volume of (service.volumes ?? []) as string[]) {
        const source = volume.split(':')[0]!;
        if (!source.startsWith('./')) continue;
        if (source.startsWith('./tls/')) expect(read('deploy/compose/make-certificates.sh')).toContain(path.basename(source));
        else expect(fs.existsSync(path.join(ROOT, 'deploy/compose', source))).toBe(true);
      }
    }
  });
});

/** What an operator fills into grantflow.env.example's blanks, shaped as the configuration wants it. */
const COMPOSE_STAND_INS: Record<string, string> = {
  MAIL_FROM: 'Eksempel Kommune <no-reply@tilskud.example.dk>',
  OIDC_ISSUER: 'https://login.example.dk',
  OIDC_CLIENT_ID: 'grantflow',
  OIDC_ROLE_MAP: '{"grp-sagsbehandler":"caseworker"}',
  OIDC_PROVIDER_NAME: 'Eksempel Kommunes login',
  TEMPORAL_CODEC_CORS_ORIGINS: 'https://temporal.tilskud.example.dk',
  MUNICIPALITY_NAME: 'Eksempel Kommune',
  MUNICIPALITY_DEPARTMENT: 'Social og Sundhed',
  MUNICIPALITY_ADDRESS: 'Rådhuspladsen 1, 9999 Eksempelby',
  MUNICIPALITY_EMAIL: 'frivillighed@eksempel.dk',
  MUNICIPALITY_PHONE: '99 99 99 99',
  MUNICIPALITY_ACCOUNT: '9999 0001234567',
};

describe('the production image', () => {
  const dockerfile = read('Dockerfile');
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const finalStage = instructions.slice(instructions.findLastIndex((line) => line.startsWith('FROM ')));

  it('is built in stages, with production packages only', () => {
    expect(instructions.filter((line) => line.startsWith('FROM ')).length).toBeGreaterThanOrEqual(2);
    expect(instructions.some((line) => /^RUN npm ci --omit=dev\b/.test(line))).toBe(true);
    expect(finalStage.some((line) => /^COPY --from=deps \/app\/node_modules /.test(line))).toBe(true);
    expect(dockerfile).not.toMatch(/^COPY \. /m);
  });

  it('runs as an unprivileged user and checks its own health', () => {
    const users = finalStage.filter((line) => line.startsWith('USER '));
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^USER (root|0)(:|$)/);
    const healthcheck = finalStage.find((line) => line.startsWith('HEALTHCHECK '));
    expect(healthcheck).toContain('/healthz');
    expect(finalStage.findIndex((line) => line.startsWith('HEALTHCHECK '))).toBeGreaterThan(finalStage.findIndex((line) => line.startsWith('USER ')));
  });

  it('copies every folder the services load from, and the build context holds them', () => {
    const copied = finalStage.filter((line) => line.startsWith('COPY ') && !line.includes('--from=')).flatMap((line) => line.split(/\s+/).slice(1, -1));
    for (const source of copied) expect({ source, exists: fs.existsSync(path.join(ROOT, source)) }).toEqual({ source, exists: true });
    for (const folder of ['activities', 'documents', 'domain', 'infra', 'lib', 'locale', 'services', 'workflows', 'prisma/migrations']) expect(copied).toContain(folder);
    const ignored = read('.dockerignore').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
    for (const source of copied) expect(ignored).not.toContain(source);
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '.env', '.git']));
  });

  it('needs no development package at run time', () => {
    const { dependencies } = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
    const runtimeFiles = execFileSync('git', ['ls-files', 'services', 'lib', 'activities', 'domain', 'workflows', 'locale', 'documents', 'infra/migrate.ts', 'infra/paths.ts'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((file) => file.endsWith('.ts'));
    expect(runtimeFiles.length).toBeGreaterThan(100);
    const missing = new Set<string>();
    for (const file of runtimeFiles) {
      const source = read(file);
      const specifiers = [
        ...[...source.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!),
        ...[...source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!),
        ...[...source.matchAll(/\b(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!),
      ];
      for (const specifier of specifiers) {
        if (specifier.startsWith('.') || specifier.startsWith('node:') || builtinModules.includes(specifier)) continue;
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
        if (!(name in dependencies)) missing.add(`${file}: ${name}`);
      }
    }
    expect([...missing]).toEqual([]);
  });
});
