// `npm run start:cluster`'s library on the run's PostgreSQL server: a Temporal server on fresh
// databases, two API replicas behind HAProxy, two workers, two mailers. An application goes in
// through the proxy and reaches the queue with its receipt mailed; the proxy still answers with one
// API replica killed; and stopping the cluster leaves no process behind.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDatabase, type Database } from '../../lib/db';
import { startCluster, type Cluster } from '../../infra/cluster';
import { ensureTemporalServer, ensureTemporalUiServer } from '../../infra/cluster/binaries';
import { ensureHaproxy } from '../../infra/cluster/proxy';
import { adminQuery, createFreshDatabase, withDatabase } from '../support/database';
import { applicationBody, createOpenRound, eventually, getJson, postJson } from '../support/fixtures';
import { mailsFor, subjectOf } from '../support/process';

/** The first run on a machine builds the server (minutes); every later one finds it cached. */
const BUILD_TIMEOUT_MS = 15 * 60_000;

describe('the cluster launcher', () => {
  const adminUrl = process.env.GRANTFLOW_TEST_ADMIN_DATABASE_URL!;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'grantflow-cluster-'));
  let databaseUrl: string;
  let db: Database;
  let cluster: Cluster | undefined;

  beforeAll(async () => {
    const log = (line: string) => process.stderr.write(`[cluster test] ${line}\n`);
    await ensureTemporalServer(log);
    await ensureTemporalUiServer(log);
    ensureHaproxy(log);
    databaseUrl = await createFreshDatabase(adminUrl, 'grantflow_cluster');
    db = createDatabase(databaseUrl);
  }, BUILD_TIMEOUT_MS);

  afterAll(async () => {
    await cluster?.stop();
    await db?.$disconnect();
    if (databaseUrl) {
      const name = new URL(databaseUrl).pathname.slice(1);
      for (const database of [name, `${name}_temporal`, `${name}_temporal_visibility`]) {
        await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      }
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  it('serves through the proxy while an API replica is down, and stops every process it started', async () => {
    cluster = await startCluster({ dataDir, databaseUrl, smtpUrl: process.env.SMTP_URL, historyShards: 2, env: { ...process.env } });
    const { proxy } = cluster.addresses;
    expect(cluster.replicas.map((replica) => replica.name).sort()).toEqual(['api-1', 'api-2', 'mailer-1', 'mailer-2', 'worker-1', 'worker-2']);
    // The Temporal databases were created beside the application's, with their schemas.
    const temporalDb = withDatabase(databaseUrl, `${new URL(databaseUrl).pathname.slice(1)}_temporal`);
    const shards = createDatabase(temporalDb);
    await expect(shards.$queryRawUnsafe<Array<{ count: bigint }>>('SELECT count(*) AS count FROM shards')).resolves.toEqual([{ count: 2n }]);
    await shards.$disconnect();

    const round = await createOpenRound(db);
    const email = `inge+${crypto.randomUUID().slice(0, 8)}@faellesbord.dk`;
    const submitted = await postJson(`${proxy}/api/v1/applications`, applicationBody(round.id, { contact: { name: 'Inge Hansen', email } }));
    expect(submitted.status).toBe(201);
    const applicant = { authorization: `Bearer ${submitted.body.accessToken}` };
    await eventually(async () => {
      const view = await getJson(`${proxy}/api/v1/applications/${submitted.body.id}`, applicant);
      return view.body.status === 'IN_QUEUE' ? true : undefined;
    }, 'the case in the queue', 60_000);
    const [receipt] = await mailsFor(email, 1, 30_000);
    expect(subjectOf(receipt!)).toContain(submitted.body.reference);

    // One API replica dies: every request through the proxy is still answered, and its health
    // checks take the replica out of the rotation.
    const api1 = cluster.replica('api-1');
    await api1.kill('SIGKILL');
    for (let request = 0; request < 8; request += 1) {
      expect((await fetch(`${proxy}/api/v1/rounds`)).status).toBe(200);
    }
    await eventually(async () => ((await proxyState(cluster!, 'api-1')).startsWith('DOWN') ? true : undefined), 'api-1 marked down', 15_000);
    expect(await proxyState(cluster, 'api-2')).toBe('UP');
    // Started again, it is back in the rotation once two health checks in a row pass; on the suite's
    // shared machine a freshly started replica may answer its first checks slowly.
    await api1.start();
    await eventually(async () => ((await proxyState(cluster!, 'api-1')) === 'UP' ? true : undefined), 'api-1 back up', 30_000);

    const processes = [
      ...cluster.replicas.map((replica) => replica.process),
      cluster.temporal.process,
      cluster.proxy.process,
      ...(cluster.webUi ? [cluster.webUi.process] : []),
    ];
    const groups = processes.map((managed) => managed.child.pid!);
    await cluster.stop();
    cluster = undefined;
    // Each part ran in a process group of its own: no member of any group is left. A member
    // killed with its group stays visible until the system reaps it, so give that a moment.
    const left = await eventually(async () => {
      const alive = groups.filter(isAlive);
      return alive.length === 0 ? alive : undefined;
    }, 'every process group of the cluster gone', 10_000).catch(() => groups.filter(isAlive));
    expect(left).toEqual([]);
    // Six replicas, the Temporal server and the proxy start on the suite's shared machine: the waits
    // above allow up to 60 s for the case alone.
  }, 180_000);
});

/** A server's state on HAProxy's statistics page (its CSV export): UP, DOWN, … */
async function proxyState(cluster: Cluster, server: string): Promise<string> {
  const csv = await (await fetch(`${cluster.addresses.proxyStats};csv`)).text();
  const header = csv.split('\n')[0]!.replace(/^# /, '').split(',');
  const row = csv.split('\n').map((line) => line.split(',')).find((fields) => fields[0] === 'api' && fields[1] === server);
  return row?.[header.indexOf('status')] ?? 'missing';
}

function isAlive(processGroup: number): boolean {
  try {
    process.kill(-processGroup, 0);
    return true;
  } catch {
    return false;
  }
}
