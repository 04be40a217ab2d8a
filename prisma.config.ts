import { PrismaPg } from '@prisma/adapter-pg';
import type { PrismaConfig } from 'prisma';

// Prisma's Rust engines cannot be downloaded everywhere we run; the Wasm engines plus the
// pg driver adapter work offline for generate and migrate deploy.
export default {
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  async adapter() {
    // `prisma generate` loads the adapter too but never connects; migrate commands fail on
    // the schema's env("DATABASE_URL") before they would reach this placeholder.
    const connectionString = process.env.DATABASE_URL ?? 'postgresql://unset@127.0.0.1:1/unset';
    // allowExitOnIdle: the CLI would otherwise wait for idle pool connections to time out.
    return new PrismaPg({ connectionString, allowExitOnIdle: true });
  },
} satisfies PrismaConfig;
