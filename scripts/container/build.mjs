/**
 * node scripts/container/build.mjs <out-dir>
 *
 * Bundles the container's two commands into plain JavaScript, so the runtime
 * image needs neither tsx nor the dev dependencies:
 *   start.mjs — settings check, migrations and the default competency model, then the server
 *   setup.mjs — `npm run setup` (scripts/setup.ts): the first administrator and their sign-in link
 * Everything they import is bundled in. PGlite stays out: the image runs on a
 * PostgreSQL server only, and the standalone output carries PGlite anyway.
 *
 * esbuild comes with the dev dependencies (drizzle-kit, tsx and vite use it).
 */
import path from "node:path";
import { build } from "esbuild";

const outdir = process.argv[2];
if (!outdir) {
  console.error("usage: node scripts/container/build.mjs <out-dir>");
  process.exit(1);
}

await build({
  entryPoints: { start: "scripts/container/start.ts", setup: "scripts/setup.ts" },
  outdir: path.resolve(outdir),
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // The same resolution `npm start` uses (tsx --conditions=react-server):
  // `server-only` resolves to its empty server build.
  conditions: ["react-server"],
  external: ["@electric-sql/pglite"],
  // Bundled CommonJS dependencies call require() for Node's own modules.
  banner: { js: 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);' },
  legalComments: "none",
  logLevel: "warning",
});
console.log(`Bundled start.mjs and setup.mjs into ${outdir}`);
