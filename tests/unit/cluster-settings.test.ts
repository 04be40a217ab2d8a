import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ConfigError } from '../../lib/config';
import { loadClusterSettings } from '../../infra/cluster/settings';
import { fillTemplate } from '../../infra/cluster/template';

const CLUSTER_DIR = path.join(__dirname, '..', '..', 'infra', 'cluster');

describe('the cluster settings', () => {
  it('default to a laptop-sized cluster on the usual ports', () => {
    expect(loadClusterSettings({})).toMatchObject({
      PORT: 3000,
      TEMPORAL_HISTORY_SHARDS: 4,
      CLUSTER_TEMPORAL_PORT: 7233,
      CLUSTER_API_REPLICAS: 2,
      CLUSTER_WORKER_REPLICAS: 2,
      CLUSTER_MAILER_REPLICAS: 2,
      CLUSTER_DATA_DIR: '.data/cluster',
    });
  });

  it('name each bad setting', () => {
    const error = (() => {
      try {
        loadClusterSettings({ TEMPORAL_HISTORY_SHARDS: '0', CLUSTER_API_REPLICAS: 'two' });
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((problem) => problem.variable).sort()).toEqual(['CLUSTER_API_REPLICAS', 'TEMPORAL_HISTORY_SHARDS']);
  });
});

describe('the cluster templates', () => {
  const ports = Object.fromEntries(
    ['FRONTEND_PORT', 'FRONTEND_HTTP_PORT', 'FRONTEND_MEMBERSHIP_PORT', 'HISTORY_PORT', 'HISTORY_MEMBERSHIP_PORT', 'MATCHING_PORT', 'MATCHING_MEMBERSHIP_PORT', 'WORKER_PORT', 'WORKER_MEMBERSHIP_PORT', 'METRICS_PORT'].map((name, index) => [name, 21_000 + index]),
  );

  it('fill the Temporal server configuration into valid YAML with the shard count and database', () => {
    const config = parse(
      fillTemplate(path.join(CLUSTER_DIR, 'temporal-server.yaml'), {
        ...ports,
        LOG_LEVEL: 'warn',
        HISTORY_SHARDS: 8,
        DATABASE: 'app_temporal',
        VISIBILITY_DATABASE: 'app_temporal_visibility',
        DATABASE_ADDRESS: '127.0.0.1:5432',
        DATABASE_USER: JSON.stringify('postgres'),
        DATABASE_PASSWORD: JSON.stringify('a "quoted" password'),
        DYNAMIC_CONFIG_FILE: JSON.stringify('/tmp/dynamic config.yaml'),
      }),
    );
    expect(config.persistence.numHistoryShards).toBe(8);
    expect(config.persistence.datastores['postgres-default'].sql).toMatchObject({ databaseName: 'app_temporal', password: 'a "quoted" password' });
    expect(config.services.frontend.rpc.grpcPort).toBe(21_000);
    expect(config.dynamicConfigClient.filepath).toBe('/tmp/dynamic config.yaml');
  });

  it('refuse to leave a placeholder blank', () => {
    expect(() => fillTemplate(path.join(CLUSTER_DIR, 'haproxy.cfg'), { PORT: 3000, SERVERS: '' })).toThrow(/haproxy\.cfg: no value for \$\{STATS_PORT\}/);
  });

  it('give the dynamic configuration as valid YAML', () => {
    const dynamic = parse(fs.readFileSync(path.join(CLUSTER_DIR, 'temporal-dynamic-config.yaml'), 'utf8'));
    expect(dynamic['limit.maxIDLength']).toEqual([{ value: 255, constraints: {} }]);
  });
});
