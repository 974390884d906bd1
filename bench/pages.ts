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
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type Page } from "@playwright/test";
import { createAppServer, freePort, type AppServer } from "../scripts/hardening/app-server";
import { createPgliteFolder } from "../scripts/hardening/database";
import { AppClient, SESSION_COOKIE } from "../scripts/hardening/http-client";
import { type BenchContext, type BenchPart, type BenchTable } from "./part";

/** The budget for the page a rater answers on: what a phone on a slow network fetches before the form works. */
const RATER_FORM_BUDGET_KIB = 120;

/**
 * recharts names every element it draws with a class "recharts-…" (wrapper,
 * surface, axes, dots), strings the minifier leaves alone; its code is split
 * over several chunks (the core, the scatter's and the radar's parts), and
 * each carries some. The core always carries "recharts-surface", the SVG
 * every chart draws on: the run checks the build has it before it trusts a "no".
 */
const RECHARTS_CLASS_NAME = /recharts-[a-z]/;
const RECHARTS_CORE = "recharts-surface";

/**
 * What a chunk holds, recognised by strings each library's built code keeps
 * (error messages, names it sets itself); a guess that only names, never counts.
 */
const LIBRARY_SIGNATURES: [string, RegExp][] = [
  ["react-dom", /__reactContainer/],
  ["Next.js app router", /next-router-state-tree/],
  ["TanStack Query", /No QueryClient set/],
  ["tRPC client", /TRPCClientError/],
  ["next-auth/react", /\/api\/auth/],
  ["recharts", RECHARTS_CLASS_NAME],
];

/**
 * The pages that draw a chart: components/report/radar-chart.tsx (drawn by
 * /report) and components/finder/scatter-chart.tsx (drawn by /finder) are the
 * only modules that import recharts; the run lists those importers again from
 * the sources, so a new chart shows up in the notes.
 */
const CHART_PAGES = new Set(["/report", "/finder"]);

const BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"];

/** A script stops counting as "still arriving" after this long without another. */
const QUIET_MS = 1_000;
const SETTLE_LIMIT_MS = 15_000;

type Role = "hr" | "manager" | "employee";

interface DemoPerson {
  id: string;
  name: string;
  title: string;
  department: string;
  roles: { manager: boolean; hr: boolean; admin: boolean };
}

interface SignedInPerson {
  role: Role;
  name: string;
  sessionToken: string;
}

interface PageRoute {
  /** What the table shows, e.g. /requests/[assignmentId]. */
  label: string;
  /** What the browser opens. */
  path: string;
  who: SignedInPerson | null;
  /** A short word on what the page is, for the table. */
  what?: string;
}

interface LoadedScript {
  url: string;
  gzipBytes: number;
  hasRecharts: boolean;
  libraries: string[];
}

interface PageLoad {
  scripts: LoadedScript[];
  /** Requests for the data of linked pages the router sent (and, when refused, that were aborted). */
  prefetches: number;
}

interface RouteMeasurement {
  route: PageRoute;
  own: PageLoad;
  /** The same page with link prefetches allowed. */
  withPrefetch: PageLoad;
}

const kib = (bytes: number) => (bytes / 1024).toFixed(1);
const sumGzip = (scripts: LoadedScript[]) => scripts.reduce((sum, s) => sum + s.gzipBytes, 0);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// --- the demo's people and the ids the pages need -------------------------------------------

async function trpcData<T>(client: AppClient, procedure: string, input?: unknown): Promise<T> {
  const outcome = await client.query<T>(procedure, input);
  if (outcome.kind !== "data") throw new Error(`${procedure} did not answer with data: ${JSON.stringify(outcome)}`);
  return outcome.data;
}

/** The person the demo picker suggests for each role (its first match), so the figures are for people anyone can click. */
function suggestedPerson(people: DemoPerson[], role: Role): DemoPerson {
  const isHr = (p: DemoPerson) => p.roles.hr || p.roles.admin;
  const matches: Record<Role, (p: DemoPerson) => boolean> = {
    hr: isHr,
    manager: (p) => !isHr(p) && p.roles.manager,
    employee: (p) => !isHr(p) && !p.roles.manager,
  };
  const person = people.find(matches[role]);
  if (!person) throw new Error(`the demo organisation has no ${role} to sign in as`);
  return person;
}

async function signIn(
  baseUrl: string,
  person: DemoPerson,
  role: Role,
): Promise<{ person: SignedInPerson; client: AppClient }> {
  const client = new AppClient(baseUrl);
  const result = await client.signInAsDemoPerson(person.id);
  const sessionToken = client.jar.get(SESSION_COOKIE);
  if (!result.ok || !sessionToken)
    throw new Error(`demo sign-in as ${person.name} failed (${result.status}): ${result.detail}`);
  return { person: { role, name: person.name, sessionToken }, client };
}

/** Every page under app/, with real ids for the dynamic ones, each for the person it is meant for. */
async function discoverRoutes(baseUrl: string, say: (line: string) => void): Promise<PageRoute[]> {
  const people = await trpcData<DemoPerson[]>(new AppClient(baseUrl), "demo.people");
  const hr = await signIn(baseUrl, suggestedPerson(people, "hr"), "hr");
  const manager = await signIn(baseUrl, suggestedPerson(people, "manager"), "manager");
  const employee = await signIn(baseUrl, suggestedPerson(people, "employee"), "employee");
  say(`  signed in as ${hr.person.name} (HR), ${manager.person.name} (manager), ${employee.person.name} (employee)`);

  const inbox = await trpcData<{ requests: { assignmentId: string; state: string }[] }[]>(
    employee.client,
    "inbox.mine",
  );
  const openRequest = inbox.flatMap((c) => c.requests).find((r) => r.state === "not_started" || r.state === "draft");
  if (!openRequest) throw new Error(`${employee.person.name} has no open feedback request to open the form on`);

  const heatmap = await trpcData<{ people: { id: string; inCycle: boolean }[] }>(manager.client, "team.heatmap", {});
  const teamMember = heatmap.people.find((p) => p.inCycle);
  if (!teamMember) throw new Error(`${manager.person.name}'s team has nobody in the published cycle`);

  const cycles = await trpcData<{ id: string; status: string }[]>(hr.client, "cycles.overview");
  const collecting = cycles.find((c) => c.status === "collecting");
  if (!collecting) throw new Error("the demo has no cycle collecting answers");

  const finder = await trpcData<{ cycle: { id: string } | null }>(hr.client, "finder.view", { filters: {} });
  const placed = finder.cycle
    ? await trpcData<{ people: { id: string }[] }>(hr.client, "finder.people", {
        cycleId: finder.cycle.id,
        filters: {},
        list: "everyone",
        pageSize: 1,
      })
    : { people: [] };
  const evidenceSubject = placed.people[0]?.id;
  if (!evidenceSubject) throw new Error("the finder places nobody in the demo's published cycle");

  return [
    { label: "/signin", path: "/signin", who: null },
    { label: "/ (home)", path: "/", who: employee.person },
    { label: "/ (home)", path: "/", who: manager.person },
    { label: "/ (home)", path: "/", who: hr.person },
    {
      label: "/requests/[assignmentId]",
      path: `/requests/${openRequest.assignmentId}`,
      who: employee.person,
      what: "rater form",
    },
    { label: "/report", path: "/report", who: employee.person },
    { label: "/nominations", path: "/nominations", who: employee.person },
    { label: "/team", path: "/team", who: manager.person },
    { label: "/team/[subjectId]", path: `/team/${teamMember.id}`, who: manager.person },
    { label: "/nominations/team", path: "/nominations/team", who: manager.person },
    { label: "/cycles", path: "/cycles", who: hr.person },
    { label: "/cycles/new", path: "/cycles/new", who: hr.person },
    { label: "/cycles/[id]", path: `/cycles/${collecting.id}`, who: hr.person },
    { label: "/finder", path: "/finder", who: hr.person },
    { label: "/finder/[subjectId]", path: `/finder/${evidenceSubject}`, who: hr.person, what: "evidence" },
    { label: "/organisation", path: "/organisation", who: hr.person },
    { label: "/people/import", path: "/people/import", who: hr.person },
    { label: "/audit", path: "/audit", who: hr.person },
    { label: "/outbox", path: "/outbox", who: hr.person },
  ];
}

// --- one page in a browser -----------------------------------------------------------------

/** Waits until the network has been idle and no script has arrived for QUIET_MS: charts load after hydration. */
async function settle(page: Page, scriptsSoFar: () => number): Promise<void> {
  await page.waitForLoadState("networkidle");
  const deadline = Date.now() + SETTLE_LIMIT_MS;
  let seen = -1;
  while (seen !== scriptsSoFar() && Date.now() < deadline) {
    seen = scriptsSoFar();
    await sleep(QUIET_MS);
    await page.waitForLoadState("networkidle");
  }
}

async function loadPage(
  browser: Browser,
  baseUrl: string,
  route: PageRoute,
  options: { allowPrefetch: boolean },
): Promise<PageLoad> {
  const origin = new URL(baseUrl).origin;
  const context = await browser.newContext();
  try {
    if (route.who) await context.addCookies([{ name: SESSION_COOKIE, value: route.who.sessionToken, url: origin }]);
    let prefetches = 0;
    // The router marks its prefetches of linked pages with this header.
    await context.route("**/*", (request) => {
      if (request.request().headers()["next-router-prefetch"] === undefined) return request.continue();
      prefetches += 1;
      return options.allowPrefetch ? request.continue() : request.abort();
    });
    const page = await context.newPage();
    const bodies = new Map<string, Promise<Buffer>>();
    page.on("response", (response) => {
      if (response.request().resourceType() !== "script" || new URL(response.url()).origin !== origin) return;
      if (!bodies.has(response.url())) bodies.set(response.url(), response.body());
    });
    const answer = await page.goto(new URL(route.path, baseUrl).toString(), { waitUntil: "load" });
    const landedOn = new URL(page.url()).pathname;
    if (answer?.status() !== 200 || landedOn !== new URL(route.path, baseUrl).pathname) {
      throw new Error(
        `${route.path} as ${route.who?.name ?? "nobody"} answered ${answer?.status()} at ${landedOn}, not the page itself`,
      );
    }
    await settle(page, () => bodies.size);
    const scripts = await Promise.all(
      [...bodies].map(async ([url, body]) => {
        const text = await body;
        const source = text.toString("utf8");
        return {
          url,
          gzipBytes: gzipSync(text).length,
          hasRecharts: RECHARTS_CLASS_NAME.test(source),
          libraries: LIBRARY_SIGNATURES.filter(([, signature]) => signature.test(source)).map(([name]) => name),
        };
      }),
    );
    return { scripts, prefetches };
  } finally {
    await context.close();
  }
}

// --- what the build and the sources say -------------------------------------------------------

function filesUnder(folder: string, keep: (file: string) => boolean): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder, { recursive: true, encoding: "utf8" })
    .map((f) => path.join(folder, f))
    .filter((f) => keep(f) && fs.statSync(f).isFile());
}

/** The built chunks that carry recharts, and whether its core is among them: proof that the signature is there to be found. */
function builtRechartsChunks(): { chunks: { file: string; gzipBytes: number }[]; coreFound: boolean } {
  const built = filesUnder(path.join(process.cwd(), ".next", "static", "chunks"), (f) => f.endsWith(".js")).map(
    (file) => ({
      file,
      source: fs.readFileSync(file, "utf8"),
    }),
  );
  const carrying = built.filter(({ source }) => RECHARTS_CLASS_NAME.test(source));
  return {
    chunks: carrying.map(({ file, source }) => ({ file: path.basename(file), gzipBytes: gzipSync(source).length })),
    coreFound: carrying.some(({ source }) => source.includes(RECHARTS_CORE)),
  };
}

/** The source modules that import recharts, i.e. the charts. */
function rechartsImporters(): string[] {
  return ["app", "components"]
    .flatMap((folder) => filesUnder(path.join(process.cwd(), folder), (f) => /\.tsx?$/.test(f)))
    .filter((file) => /from\s+["']recharts["']/.test(fs.readFileSync(file, "utf8")))
    .map((file) => path.relative(process.cwd(), file))
    .sort();
}

// --- the tables --------------------------------------------------------------------------------

function chunkName(url: string): string {
  return new URL(url).pathname.replace(/^\/_next\/static\/chunks\//, "");
}

function goalFor(route: PageRoute, load: PageLoad, rechartsKnown: boolean): string {
  const gzipKiB = sumGzip(load.scripts) / 1024;
  const hasRecharts = load.scripts.some((s) => s.hasRecharts);
  if (CHART_PAGES.has(route.path)) return "draws a chart: recharts allowed";
  const noRecharts = !rechartsKnown ? "no recharts: unknown" : hasRecharts ? "no recharts: MISSED" : "no recharts: met";
  if (route.what === "rater form") {
    const budget =
      gzipKiB <= RATER_FORM_BUDGET_KIB ? "met" : `MISSED by ${(gzipKiB - RATER_FORM_BUDGET_KIB).toFixed(1)} KiB`;
    return `≤ ${RATER_FORM_BUDGET_KIB} KiB: ${budget}; ${noRecharts}`;
  }
  return noRecharts;
}

function rechartsCell(scripts: LoadedScript[], rechartsKnown: boolean): string {
  if (!rechartsKnown) return "?";
  const recharts = scripts.filter((s) => s.hasRecharts);
  return recharts.length ? `yes, ${kib(sumGzip(recharts))} KiB` : "no";
}

function pagesTable(
  measurements: RouteMeasurement[],
  shared: LoadedScript[],
  rechartsKnown: boolean,
  notes: string[],
): BenchTable {
  const sharedBytes = sumGzip(shared);
  const rows = measurements.map(({ route, own }) => {
    const ownBytes = sumGzip(own.scripts);
    const label = route.what ? `${route.label} (${route.what})` : route.label;
    const who = route.who ? `${route.who.role}: ${route.who.name}` : "signed out";
    return [
      label,
      who,
      String(own.scripts.length),
      kib(ownBytes),
      kib(ownBytes - sharedBytes),
      rechartsCell(own.scripts, rechartsKnown),
      goalFor(route, own, rechartsKnown),
    ];
  });
  rows.push([
    "every page (shared)",
    "",
    String(shared.length),
    kib(sharedBytes),
    "0.0",
    rechartsCell(shared, rechartsKnown),
    "the baseline: framework and app shell",
  ]);
  return {
    title: "JavaScript each page loads (gzipped)",
    columns: ["route", "who", "JS files", "JS gzipped (KiB)", "beyond shared (KiB)", "recharts", "goal"],
    rows,
    notes,
  };
}

/** What letting the router prefetch linked pages adds: said in a line, with the pages where it adds anything. */
function prefetchNote(measurements: RouteMeasurement[]): string {
  const requests = measurements.reduce((sum, m) => sum + m.withPrefetch.prefetches, 0);
  const adding = measurements
    .map((m) => ({
      label: m.route.label,
      who: m.route.who?.role ?? "signed out",
      extra: sumGzip(m.withPrefetch.scripts) - sumGzip(m.own.scripts),
    }))
    .filter((m) => Math.abs(m.extra) >= 512);
  const where = adding.length
    ? `: ${adding.map((m) => `${m.label} as ${m.who} ${m.extra > 0 ? "+" : ""}${kib(m.extra)} KiB`).join(", ")}`
    : ": no page loads more JavaScript with them";
  return `Link prefetches: the figures above are with them refused. Each page was opened again with them allowed (${requests} prefetch requests over all pages)${where}.`;
}

function largestChunksTable(measurements: RouteMeasurement[], routesTotal: number): BenchTable {
  const byUrl = new Map<string, { script: LoadedScript; routes: string[] }>();
  for (const { route, own } of measurements) {
    for (const script of own.scripts) {
      const entry = byUrl.get(script.url) ?? { script, routes: [] };
      entry.routes.push(route.label);
      byUrl.set(script.url, entry);
    }
  }
  const largest = [...byUrl.values()].sort((a, b) => b.script.gzipBytes - a.script.gzipBytes).slice(0, 12);
  return {
    title: "The largest JavaScript files the pages load",
    columns: ["file", "gzipped (KiB)", "recognised in it", "loaded by"],
    rows: largest.map(({ script, routes }) => [
      chunkName(script.url),
      kib(script.gzipBytes),
      script.libraries.join(", "),
      routes.length === routesTotal ? "every page" : [...new Set(routes)].join(", "),
    ]),
    notes: [
      `Recognised by strings each library's built code keeps: ${LIBRARY_SIGNATURES.map(([name]) => name).join(", ")}; a blank is app code or a library not on that list.`,
    ],
  };
}

// --- the part ----------------------------------------------------------------------------------

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
