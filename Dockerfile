# The Galley central server. Build from the repository root:
#   docker build -t galley-server .
#   docker run -p 4000:4000 -e DATABASE_URL=... -e REDIS_URL=... galley-server
# Without DATABASE_URL the embedded store lives in the /data volume.

FROM node:20-bookworm-slim AS dependencies
WORKDIR /app
ENV ELECTRON_SKIP_BINARY_DOWNLOAD=1
COPY package.json package-lock.json ./
# Install scripts are skipped: they only build the terminal's native
# SQLite module and fetch Electron, neither of which the server uses.
RUN npm ci --no-audit --no-fund --ignore-scripts

FROM node:20-bookworm-slim
# postgresql-client gives db:backup, db:restore and db:maintenance their
# pg_dump, pg_restore and psql; tini forwards SIGTERM to Node.
RUN apt-get update \
  && apt-get install -y --no-install-recommends postgresql-client tini \
  && rm -rf /var/lib/apt/lists/* \
  && mkdir -p /data /app/backups \
  && chown node:node /data /app/backups
WORKDIR /app
ENV NODE_ENV=production
COPY --from=dependencies /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY shared ./shared
COPY server ./server
COPY drizzle/server ./drizzle/server
USER node
VOLUME ["/data", "/app/backups"]
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:4000/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "--import", "tsx", "server/cli.ts", "--host", "0.0.0.0", "--port", "4000", "--data-dir", "/data/server"]
