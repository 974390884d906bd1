/**
 * Part "pages": the JavaScript each page makes a browser download, gzipped.
 *
 * Next.js 16 no longer prints first-load JS, so this reads it from what
 * Chromium actually loads from a production build: the app is started as
 * `npm start` starts it (a build if the sources changed, a fresh embedded
 * database seeded with the demo organisation), and every route is opened in
 * a fresh browser context, signed in as the person the page is for. Once the
 * page has loaded and the network is idle, every script response from the
 * app's origin is gzipped (zlib's default level, whatever the server sent)
 * and summed. Link prefetches are refused, since what a prefetch of a linked
 * page brings is not this page's own; each page is opened a second time with
 * them allowed, and what they add is noted under the table.
 *
 * Two goals are checked: the rater form at most 120 KiB, and recharts only on
 * the pages that draw a chart. The JavaScript every page loads (framework and
 * app shell: the files all routes share) is given as a row of its own.
 *
 * npm run bench -- --only pages
 */
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { createAppServer, freePort, type AppServer } from "../../scripts/hardening/app-server";
import { createPgliteFolder } from "../../scripts/hardening/database";
import type { BenchContext, BenchPart, BenchTable } from "../part";
import { builtRechartsChunks, CHART_PAGES, RECHARTS_CORE, rechartsImporters } from "./chunk-contents";
import { loadPage, QUIET_MS } from "./load-page";
import { discoverRoutes } from "./routes";
import { kib, largestChunksTable, pagesTable, prefetchNote, sumGzip } from "./tables";
import type { RouteMeasurement } from "./types";

const BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"];

async function measurePages(ctx: BenchContext, server: AppServer): Promise<BenchTable[]> {
  const routes = await discoverRoutes(server.url, ctx.say);
  const executablePath = fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
  const browser = await chromium.launch({ executablePath, args: BROWSER_ARGS });
  const measurements: RouteMeasurement[] = [];
  try {
    for (const route of routes) {
      const own = await loadPage(browser, server.url, route, { allowPrefetch: false });
      const withPrefetch = await loadPage(browser, server.url, route, { allowPrefetch: true });
      ctx.say(
        `  ${route.label} as ${route.who?.name ?? "nobody"}: ${own.scripts.length} files, ${kib(sumGzip(own.scripts))} KiB gzipped`,
      );
      measurements.push({ route, own, withPrefetch });
    }
  } finally {
    await browser.close();
  }

  const everyPage = measurements.map((m) => new Set(m.own.scripts.map((s) => s.url)));
  const shared = measurements[0]!.own.scripts.filter((s) => everyPage.every((urls) => urls.has(s.url)));
  const builtRecharts = builtRechartsChunks();
  const rechartsKnown = builtRecharts.coreFound;
  const importers = rechartsImporters();
  const notes = [
    `Production build served by \`npm start\` on a fresh embedded database with the demo organisation; each route opened in a fresh Chromium context, signed in by demo sign-in, measured after load and network idle (and ${QUIET_MS / 1000} s without a new script).`,
    "JS gzipped: every script file from the app's origin, each gzipped with zlib's default level and summed (the RSC payload inlined in the HTML is not counted).",
    `Shared: the ${shared.length} files every route loads (framework and app shell), ${kib(sumGzip(shared))} KiB; "beyond shared" is the rest of a page's own.`,
    rechartsKnown
      ? `recharts: a file counts when it holds one of recharts' class names ("recharts-…"); the build has ${builtRecharts.chunks.length} such chunks: ${builtRecharts.chunks.map((c) => `${c.file} (${kib(c.gzipBytes)} KiB)`).join(", ")}.`
      : `recharts: no built chunk holds "${RECHARTS_CORE}", so recharts is gone or its class names changed; the recharts column cannot be trusted.`,
    `Charts: ${importers.join(", ") || "no module"} import recharts; the pages drawing them (${[...CHART_PAGES].join(", ")}) may load it, no other page should.`,
    prefetchNote(measurements),
    "Not measured: /cycles/[id]/edit (its form renders only for a draft cycle, and the demo has none; /cycles/new renders the same form).",
  ];
  return [
    pagesTable(measurements, shared, rechartsKnown, notes),
    largestChunksTable(measurements, measurements.length),
  ];
}

export const pagesPart: BenchPart = {
  name: "pages",
  async run(ctx) {
    const database = createPgliteFolder();
    const logFile = path.join(process.cwd(), "test-results", "bench", "pages-server.log");
    fs.mkdirSync(path.dirname(logFile), { recursive: true });
    // The first start may build the app (minutes on two busy cores) and seeds the demo.
    const server = createAppServer({
      engine: database.engine,
      port: await freePort(),
      logFile,
      readyTimeoutMs: 20 * 60_000,
    });
    try {
      ctx.say(
        `pages: starting the app as \`npm start\` does (building if the sources changed); its output in ${path.relative(process.cwd(), logFile)}`,
      );
      await server.start();
      return await measurePages(ctx, server);
    } finally {
      await server.stop().catch(() => server.kill());
      await database.destroy();
    }
  },
};
