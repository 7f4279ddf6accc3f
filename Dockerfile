# Croisée — one image for both deployments (SQLite by default; PostgreSQL + Redis when both
# DATABASE_URL and REDIS_URL are set). It runs exactly what `npm run serve` runs after `npm run build`:
# the client in dist/ and the server bundled by esbuild in dist-server/.
#
#   docker build -t croisee .
#   docker run -p 3000:3000 -v croisee-data:/data croisee

# ---- build: all dependencies, the client and the server bundle -----------------------------------
FROM node:20-slim AS build
WORKDIR /app
# better-sqlite3 ships prebuilt binaries for Node 20 on linux-x64/arm64; the toolchain is only
# needed where none matches (it stays in this stage).
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

# ---- runtime: production dependencies and the build only, as an unprivileged user --------------
FROM node:20-slim
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/dist-server ./dist-server
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# Readiness, not mere liveness: storage reachable (and Redis, with several nodes), not shutting down.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM stores everything and closes clients with 4503 (they reconnect); SHUTDOWN_TIMEOUT_MS bounds it.
STOPSIGNAL SIGTERM
# A young generation of 2 × 4 MB (V8 grows it to 2 × 16 MB under load): see "Memory" in docs/deployment.md.
CMD ["node", "--enable-source-maps", "--max-semi-space-size=4", "dist-server/main.js"]
