/**
 * The end-to-end tests run in parallel, each worker against an installation
 * of its own: its own `npm start` on its own port, with its own copy of the
 * seeded demo database, outbox, audit log, rate-limit buckets and server log.
 * Workers share nothing but the build and the test OpenID Connect provider, so
 * what one spec does (publish a cycle, sign someone out everywhere, spend a
 * person's rate limit) is never seen by a spec running beside it.
 *
 * This module is read by playwright.config.ts (to start one server per
 * worker) and by the fixtures (to point each worker at its own).
 */
import os from "node:os";
import path from "node:path";

/** Where every installation's folder is made afresh on each run. */
export const E2E_DATA_DIR = "data/e2e";

/**
 * How many workers, and so how many installations. E2E_WORKERS chooses;
 * otherwise one per core, at most two: a worker's server, browser and test
 * runner keep about one core busy. E2E_STORAGE_DIR (sessions kept for
 * screenshots) means one, so every kept session belongs to one database.
 */
export function e2eWorkerCount(env: NodeJS.ProcessEnv = process.env): number {
  if (env.E2E_STORAGE_DIR) return 1;
  const chosen = Number(env.E2E_WORKERS);
  if (Number.isInteger(chosen) && chosen >= 1) return chosen;
  return Math.max(1, Math.min(2, os.availableParallelism()));
}

const basePort = Number(process.env.E2E_PORT ?? 3100);

/** The test OpenID Connect provider: one for every installation, beside the first one's port. */
export const oidcPort = Number(process.env.E2E_OIDC_PORT ?? basePort + 1);

export interface E2eServer {
  index: number;
  port: number;
  /** Always `localhost`: the app's cookies and next-auth's callback URLs use it. */
  url: string;
  /** The PGlite folder this installation serves. */
  pgliteDir: string;
  /** Everything its `npm start` printed, which the anonymity tests search. */
  logFile: string;
}

/** Installation `index` (a worker's parallelIndex): ports 3100, 3102, 3103, … (3101 is the provider's). */
export function e2eServer(index: number): E2eServer {
  const port = index === 0 ? basePort : basePort + 1 + index;
  const folder = path.join(E2E_DATA_DIR, `worker-${index}`);
  return {
    index,
    port,
    url: `http://localhost:${port}`,
    pgliteDir: path.join(folder, "pglite"),
    logFile: path.join(folder, "server.log"),
  };
}

export function e2eServers(count = e2eWorkerCount()): E2eServer[] {
  return Array.from({ length: count }, (_, index) => e2eServer(index));
}
