/** The part's tables: what each page loads against its goal, and the largest files. */
import type { BenchTable } from "../part";
import { CHART_PAGES, LIBRARY_SIGNATURES } from "./chunk-contents";
import type { LoadedScript, PageLoad, PageRoute, RouteMeasurement } from "./types";

/** The budget for the page a rater answers on: what a phone on a slow network fetches before the form works. */
const RATER_FORM_BUDGET_KIB = 120;

export const kib = (bytes: number) => (bytes / 1024).toFixed(1);
export const sumGzip = (scripts: LoadedScript[]) => scripts.reduce((sum, s) => sum + s.gzipBytes, 0);

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

export function pagesTable(
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
export function prefetchNote(measurements: RouteMeasurement[]): string {
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

export function largestChunksTable(measurements: RouteMeasurement[], routesTotal: number): BenchTable {
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
