/**
 * Before the end-to-end servers start: the demo organisation is seeded once,
 * as `npm start` seeds an empty embedded database, into a folder that is then
 * closed and copied, one copy per installation (e2e/support/servers.ts).
 * Seeding takes half a minute; a copy of the closed folder, a second. Each
 * `npm start` then finds its database seeded and only brings it up to date.
 *
 *   tsx --conditions=react-server e2e/support/databases.ts N
 */
import fs from "node:fs";
import path from "node:path";
import { openPglite } from "../../server/db/engines";
import { prepareDatabase } from "../../server/db/prepare";
import { FULL_DEMO } from "../../server/db/seed/demo";
import { E2E_DATA_DIR, e2eServers } from "./servers";

async function main() {
  const count = Number(process.argv[2]);
  if (!Number.isInteger(count) || count < 1) throw new Error("usage: databases.ts <number of installations>");
  const started = performance.now();
  fs.rmSync(E2E_DATA_DIR, { recursive: true, force: true });
  const seeded = path.join(E2E_DATA_DIR, "seeded");
  const handle = await openPglite(seeded);
  try {
    const { people } = await prepareDatabase(handle, { seedDemoIfEmpty: true, ...FULL_DEMO });
    console.log(
      `Seeded the demo organisation (${people} people) in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
    );
  } finally {
    await handle.close();
  }
  for (const server of e2eServers(count)) {
    fs.mkdirSync(path.dirname(server.pgliteDir), { recursive: true });
    fs.cpSync(seeded, server.pgliteDir, { recursive: true });
  }
  fs.rmSync(seeded, { recursive: true, force: true });
  console.log(`A copy for each of ${count} end-to-end server(s) in ${E2E_DATA_DIR}/worker-*.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
