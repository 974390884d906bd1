# syntax=docker/dockerfile:1
#
# Undercurrent as one image: Next.js's standalone server on Node, run as the
# unprivileged `node` user. Its command applies the database migrations and
# the default competency model, then serves. It needs a PostgreSQL server
# (DATABASE_URL) and NEXTAUTH_SECRET; compose.yaml brings both.
#
#   docker build -t undercurrent .
#
# The first administrator: node container/setup.mjs --admin … (README, "With Docker Compose").

ARG NODE_VERSION=22

# 1. All dependencies: the build needs the dev ones, the runtime image gets none.
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund

# 2. The standalone build, and the container's two commands bundled into plain
#    JavaScript (so the runtime needs neither tsx nor the TypeScript sources).
FROM deps AS build
COPY . .
# Standalone output is asked for here only; see next.config.ts.
ENV NEXT_OUTPUT=standalone
RUN npm run build \
 && node scripts/container/build.mjs container-dist \
 && mkdir -p public

# 3. What runs: server.js with the node_modules it traced, the static files
#    beside it (standalone output leaves them out), the migrations, the commands.
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0
# The code stays root's, so the app cannot rewrite it; Next's cache is the one folder it writes.
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
COPY --from=build /app/drizzle ./drizzle
COPY --from=build /app/container-dist ./container
RUN mkdir -p .next/cache && chown node:node .next/cache
# The base image's `node` user, by number so that runAsNonRoot checks can verify it.
USER 1000:1000
EXPOSE 3000
# Liveness only (GET /api/health never touches the database); /api/ready says whether the database answers.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form: node receives SIGTERM itself (Next's handler stops the server).
CMD ["node", "container/start.mjs"]
