import { z } from 'zod';
import { ConfigError } from '../../lib/config';

const port = z.coerce.number().int().min(1).max(65535);
const replicas = z.coerce.number().int().min(1).max(8).default(2);

/** The settings of `npm run start:cluster` (the services' own are lib/config.ts's); `.env.example` lists them. */
export const clusterSettingsSchema = z.object({
  /** The reverse proxy's port: the address people and the README's examples use. */
  PORT: port.default(3000),
  CLUSTER_DATA_DIR: z.string().min(1).default('.data/cluster'),
  /** Fixed when the Temporal database is created: changing it later needs a new database. */
  TEMPORAL_HISTORY_SHARDS: z.coerce.number().int().min(1).max(16_384).default(4),
  CLUSTER_TEMPORAL_PORT: port.default(7233),
  CLUSTER_TEMPORAL_UI_PORT: port.default(8233),
  CLUSTER_PROXY_STATS_PORT: port.default(8404),
  CLUSTER_API_REPLICAS: replicas,
  CLUSTER_WORKER_REPLICAS: replicas,
  CLUSTER_MAILER_REPLICAS: replicas,
  EMBEDDED_POSTGRES_PORT: port.default(54329),
  MAIL_CATCHER_SMTP_PORT: port.default(1025),
  MAIL_CATCHER_WEB_PORT: port.default(1080),
});

export type ClusterSettings = z.infer<typeof clusterSettingsSchema>;

export function loadClusterSettings(env: NodeJS.ProcessEnv): ClusterSettings {
  const present = Object.fromEntries(Object.entries(env).filter(([key, value]) => value !== '' && key in clusterSettingsSchema.shape));
  const parsed = clusterSettingsSchema.safeParse(present);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => ({ variable: String(issue.path[0]), message: issue.message })));
  return parsed.data;
}
