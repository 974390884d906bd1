/**
 * One throw-away installation: a fresh database (PostgreSQL or a PGlite
 * folder) seeded with the demo organisation, the app serving it, and clean-up
 * whatever happens. Steps of the hardening run (and the attack suite) work
 * inside `withSeededApp`.
 */
import path from "node:path";
import type { Db } from "../../server/db/engines";
import { createAppServer, freePort, type AppServer } from "./app-server";
import {
  collectingCycleId,
  createPgliteFolder,
  createPostgresDatabase,
  cycleCounts,
  peopleWithOpenRequests,
  seedForLoad,
  type ThrowAwayDatabase,
} from "./database";
import type { CycleCounts } from "./invariants";

export interface SeededApp {
  server: AppServer;
  database: ThrowAwayDatabase;
  /** The demo's cycle that is collecting answers. */
  cycleId: string;
  /** People with requests open in that cycle, most open first. */
  raterPool: string[];
  openRequests: number;
  /** The cycle's counts before anyone signed in. */
  before: CycleCounts;
  seedSeconds: number;
  /** Reads the database from this process. PGlite allows one process per
   *  folder, so for PGlite the app must be stopped first. */
  inspect<T>(read: (db: Db) => Promise<T>): Promise<T>;
}

/**
 * Seeded databases to copy from, one per engine and size: seeding a thousand
 * people takes about as long as a step's load, copying the seeded database a
 * second or two. Every step still starts from an installation nobody has
 * touched, exactly as seedForLoad leaves it. The hardening run keeps one set
 * for all its steps and removes it at the end (`removeAll`).
 */
export class SeededTemplates {
  private readonly made = new Map<string, Promise<ThrowAwayDatabase>>();

  /** A fresh database, a copy of the seeded template for this engine and size (seeded on first use). */
  async copy(options: SeededAppOptions): Promise<ThrowAwayDatabase> {
    const key = `${options.engine} ${options.postgresUrl ?? ""} ${options.people}`;
    let template = this.made.get(key);
    if (!template) {
      template = this.seed(options);
      this.made.set(key, template);
    }
    const seeded = (await template).engine;
    return seeded.kind === "postgres"
      ? createPostgresDatabase(options.postgresUrl!, new URL(seeded.url).pathname.slice(1))
      : createPgliteFolder(seeded.dataDir);
  }

  private async seed(options: SeededAppOptions): Promise<ThrowAwayDatabase> {
    const started = performance.now();
    options.say(`Seeding ${options.people} people into a ${options.engine} template for the steps to copy…`);
    const template =
      options.engine === "postgres" ? await createPostgresDatabase(options.postgresUrl!) : createPgliteFolder();
    const handle = await template.open();
    try {
      await seedForLoad(handle, options.people);
    } finally {
      await handle.close();
    }
    options.say(`  seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return template;
  }

  async removeAll(): Promise<void> {
    const templates = await Promise.allSettled(this.made.values());
    this.made.clear();
    for (const template of templates) if (template.status === "fulfilled") await template.value.destroy();
  }
}

export interface SeededAppOptions {
  engine: "postgres" | "pglite";
  /** The PostgreSQL server to create the database on (for engine "postgres"). */
  postgresUrl?: string;
  people: number;
  /** The server's output goes here too. */
  logFile: string;
  /** For sessions that another server on the same database accepts too. */
  authSecret?: string;
  /** More settings for the app. */
  env?: Record<string, string>;
  /** Copy the database from these instead of seeding it here. */
  templates?: SeededTemplates;
  say: (line: string) => void;
}

export async function withSeededApp<T>(options: SeededAppOptions, work: (app: SeededApp) => Promise<T>): Promise<T> {
  if (options.engine === "postgres" && !options.postgresUrl)
    throw new Error("a PostgreSQL installation needs the server's URL");
  const seedStarted = performance.now();
  const database = options.templates
    ? await options.templates.copy(options)
    : options.engine === "postgres"
      ? await createPostgresDatabase(options.postgresUrl!)
      : createPgliteFolder();
  const where =
    database.engine.kind === "postgres"
      ? new URL(database.engine.url).pathname.slice(1)
      : path.dirname(database.engine.dataDir);
  let server: AppServer | undefined;
  try {
    options.say(
      options.templates
        ? `Copying the seeded installation into ${where}…`
        : `Seeding ${options.people} people into ${where}…`,
    );
    const handle = await database.open();
    let cycleId: string, pool: { ids: string[]; openRequests: number }, before: CycleCounts;
    try {
      if (!options.templates) await seedForLoad(handle, options.people);
      cycleId = await collectingCycleId(handle.db);
      pool = await peopleWithOpenRequests(handle.db, cycleId);
      before = await cycleCounts(handle.db, cycleId);
    } finally {
      await handle.close();
    }
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    options.say(
      `  ${options.templates ? "ready" : "seeded"} in ${seedSeconds.toFixed(1)} s: ${pool.openRequests} requests open for ${pool.ids.length} people`,
    );

    const app = createAppServer({
      engine: database.engine,
      port: await freePort(),
      logFile: options.logFile,
      authSecret: options.authSecret,
      env: options.env,
    });
    server = app;
    const startedAt = performance.now();
    await app.start();
    options.say(`  the app answers on ${app.url} (${((performance.now() - startedAt) / 1000).toFixed(1)} s to start)`);

    return await work({
      server: app,
      database,
      cycleId,
      raterPool: pool.ids,
      openRequests: pool.openRequests,
      before,
      seedSeconds,
      async inspect(read) {
        if (database.engine.kind === "pglite" && app.running)
          throw new Error("stop the app before reading its PGlite folder");
        const reader = await database.open();
        try {
          return await read(reader.db);
        } finally {
          await reader.close();
        }
      },
    });
  } finally {
    await server?.stop().catch(() => server?.kill());
    await database.destroy().catch((error: unknown) => options.say(`  could not remove ${where}: ${String(error)}`));
  }
}
