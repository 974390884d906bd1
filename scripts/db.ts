/**
 * npm run db:migrate | db:seed [-- --people N --seed S] | db:reset [-- --people N --seed S]
 * Works on the embedded database (data/pglite) or on DATABASE_URL. Never run
 * it against the folder of a running app: the data-folder lock refuses that.
 */
import fs from "node:fs";
import { sql } from "drizzle-orm";
import { readConfig } from "../server/config";
import { openDatabase, openPglite, openPostgres, type DatabaseHandle } from "../server/db/engines";
import { lockPathFor, acquireDataFolderLock } from "../server/db/pglite-lock";
import { countPeople } from "../server/db/prepare";
import { FULL_DEMO, seedDemoOrganisation } from "../server/db/seed/demo";
import { endProgress, explainAndExit, fail, parseSeedFlags, progressLine } from "./cli";

async function seed(handle: DatabaseHandle, flags: { people?: number; seed?: number }) {
  const started = Date.now();
  const result = await seedDemoOrganisation(handle.db, {
    ...flags,
    ...FULL_DEMO,
    onProgress: progressLine("seeding: "),
  });
  endProgress();
  const responses = result.cycles.reduce((sum, c) => sum + c.responses, 0);
  console.log(
    `Seeded ${result.people} people and ${responses} responses in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const flags = parseSeedFlags(rest);
  const config = readConfig();
  const where = config.databaseUrl
    ? "the PostgreSQL server in DATABASE_URL"
    : `the embedded database (${config.pgliteDataDir})`;

  if (command === "migrate") {
    const handle = await openDatabase(config);
    await handle.migrate();
    await handle.close();
    console.log(`Migrations applied to ${where}.`);
    return;
  }

  if (command === "seed") {
    const handle = await openDatabase(config);
    await handle.migrate();
    const existing = await countPeople(handle);
    if (existing > 0) {
      await handle.close();
      fail(`${where} already holds an organisation (${existing} people). Run \`npm run db:reset\` to start fresh.`);
    }
    await seed(handle, flags);
    await handle.close();
    return;
  }

  if (command === "reset") {
    if (config.databaseUrl) {
      if (!flags.yes)
        fail("db:reset deletes every table on the DATABASE_URL server. Run it with `-- --yes` if you mean it.");
      const handle = await openPostgres(config.databaseUrl);
      await handle.db.execute(sql`drop schema if exists drizzle cascade`);
      await handle.db.execute(sql`drop schema public cascade`);
      await handle.db.execute(sql`create schema public`);
      await handle.migrate();
      await seed(handle, flags);
      await handle.close();
      return;
    }
    // Take the lock first: a running app holds it, and its data must not vanish under it.
    const release = acquireDataFolderLock(config.pgliteDataDir);
    fs.rmSync(config.pgliteDataDir, { recursive: true, force: true });
    release();
    fs.rmSync(lockPathFor(config.pgliteDataDir), { force: true });
    const handle = await openPglite(config.pgliteDataDir);
    await handle.migrate();
    await seed(handle, flags);
    await handle.close();
    console.log(`Started fresh in ${config.pgliteDataDir}.`);
    return;
  }

  fail(`unknown command "${command ?? ""}": use migrate, seed or reset`);
}

main().catch(explainAndExit);
