/**
 * The container image's command (`node container/start.mjs`, built from this
 * file by scripts/container/build.mjs): check the settings, bring the
 * PostgreSQL database up to date — migrations and the default competency
 * model, what `npm start` does before it serves — then run Next's standalone
 * server in this same process. One process: it is PID 1's only child under
 * `init: true` (or PID 1 itself), and Next's own SIGTERM handler stops it.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { openPostgres } from "../../server/db/engines";
import { prepareDatabase } from "../../server/db/prepare";
import { explainAndExit, fail } from "../cli";
import { containerSettings, ContainerSettingsError, type ContainerSettings } from "./settings";

const SETUP_COMMAND = 'docker compose run --rm app node container/setup.mjs --admin you@company.com --name "Your Name"';

/** Until Next installs its own handlers, a stop request stops this process (PID 1 ignores signals it has no handler for). */
function stopBeforeServing(signal: NodeJS.Signals) {
  console.log(`Undercurrent: ${signal} before the server started; stopping.`);
  process.exit(signal === "SIGINT" ? 130 : 143);
}

function readSettings(): ContainerSettings {
  try {
    return containerSettings(process.env);
  } catch (error) {
    if (error instanceof ContainerSettingsError) fail(error.message);
    throw error;
  }
}

/** Migrations (one replica at a time: the engine locks them) and the default model. */
async function prepare(settings: ContainerSettings) {
  const handle = await openPostgres(settings.databaseUrl, { max: 2 });
  try {
    const prepared = await prepareDatabase(handle, { seedDemoIfEmpty: false });
    console.log(`Migrations applied; ${prepared.people} people in the organisation.`);
    if (!settings.demoSignIn && prepared.administrators === 0) {
      console.log(`Nobody can sign in and run things yet: run \`${SETUP_COMMAND}\`.`);
    }
  } finally {
    await handle.close();
  }
}

async function main() {
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, stopBeforeServing);
  const settings = readSettings();
  console.log("Database: the PostgreSQL server in DATABASE_URL");
  await prepare(settings);

  process.env.NEXTAUTH_URL = settings.authUrl;
  process.env.PORT = String(settings.port);
  process.env.HOSTNAME ??= "0.0.0.0";
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.off(signal, stopBeforeServing);
  console.log(`Starting Undercurrent on port ${settings.port} (${settings.authUrl})`);
  // The standalone server beside this folder; a computed path, so the bundler leaves it alone.
  await import(pathToFileURL(path.join(process.cwd(), "server.js")).href);
}

main().catch(explainAndExit);
