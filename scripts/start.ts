/**
 * `npm start`: check the settings, bring the database up to date (seeding the
 * demo organisation into an empty embedded database), build the app if the
 * sources changed since the last build, and serve it. `npm run dev` does the
 * same with the development server.
 *
 * The database is prepared here, in this process, and closed before the
 * server starts: PGlite allows one process at a time on its folder.
 */
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { OidcConfigError, readOidcSettings } from "../server/auth/oidc-config";
import { readConfig, requireAuthSecret } from "../server/config";
import { openDatabase } from "../server/db/engines";
import { prepareDatabase } from "../server/db/prepare";
import { FULL_DEMO } from "../server/db/seed/demo";
import { decideBuild, forgetBuild, recordBuild } from "./build-stamp";
import { endProgress, explainAndExit, fail, progressLine } from "./cli";
import { appSecret } from "./embedded-secret";

const dev = process.argv.includes("--dev");
const root = process.cwd();
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

function buildIfStale(env: NodeJS.ProcessEnv) {
  const { decision, stamp } = decideBuild(root, env);
  if (decision.upToDate) {
    console.log("Build is up to date.");
    return;
  }
  console.log(`Building the app (${decision.reason}); about a minute…`);
  forgetBuild(root);
  const result = spawnSync(process.execPath, [nextBin, "build"], {
    stdio: "inherit",
    env: { ...env, NODE_ENV: "production" },
  });
  if (result.status !== 0) fail("the build failed (see above).");
  recordBuild(root, stamp);
}

async function main() {
  const env: NodeJS.ProcessEnv = {
    NEXT_TELEMETRY_DISABLED: "1",
    ...process.env,
    NODE_ENV: dev ? "development" : "production",
  };
  const config = readConfig(env);
  // The embedded database's is kept inside its folder: each signs its own sessions.
  const secret = appSecret(config);
  if (secret) env.NEXTAUTH_SECRET = secret;
  requireAuthSecret(readConfig(env)); // refuses production without a secret
  try {
    readOidcSettings(env); // half-configured single sign-on is refused before anything starts
  } catch (error) {
    if (error instanceof OidcConfigError) fail(error.message);
    throw error;
  }
  const { port } = config;
  env.NEXTAUTH_URL ??= `http://localhost:${port}`;

  console.log(
    config.databaseUrl
      ? "Database: the PostgreSQL server in DATABASE_URL"
      : `Database: embedded PostgreSQL in ${config.pgliteDataDir}`,
  );
  const handle = await openDatabase(config);
  try {
    const prepared = await prepareDatabase(handle, {
      // A real server gets the demo only when asked (`npm run db:seed`).
      seedDemoIfEmpty: !config.databaseUrl,
      ...FULL_DEMO,
      onProgress: progressLine("Creating the demo organisation: "),
    });
    endProgress();
    console.log(
      prepared.seeded
        ? `Created the demo organisation (${prepared.people} people).`
        : `Migrations applied; ${prepared.people} people in the organisation.`,
    );
    if (!config.demoSignIn && prepared.administrators === 0) {
      console.log(
        'Nobody can sign in and run things yet: run `npm run setup -- --admin you@company.com --name "Your Name"`.',
      );
    }
  } finally {
    await handle.close();
  }

  if (!dev) buildIfStale(env);

  console.log(`Starting Undercurrent on http://localhost:${port}`);
  const serve = dev ? ["dev"] : ["start", "--keepAliveTimeout", String(config.keepAliveTimeoutMs)];
  const server = spawn(process.execPath, [nextBin, ...serve, "--port", String(port)], {
    stdio: "inherit",
    env,
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => server.kill(signal));
  }
  server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

main().catch(explainAndExit);
