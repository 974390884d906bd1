/**
 * What a built chunk holds, read from strings each library's code keeps; and
 * where recharts is, in the build and in the sources, so that "no recharts
 * on this page" can be trusted.
 */
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

/**
 * recharts names every element it draws with a class "recharts-…" (wrapper,
 * surface, axes, dots), strings the minifier leaves alone; its code is split
 * over several chunks (the core, the scatter's and the radar's parts), and
 * each carries some. The core always carries "recharts-surface", the SVG
 * every chart draws on: the run checks the build has it before it trusts a "no".
 */
export const RECHARTS_CLASS_NAME = /recharts-[a-z]/;
export const RECHARTS_CORE = "recharts-surface";

/**
 * What a chunk holds, recognised by strings each library's built code keeps
 * (error messages, names it sets itself); a guess that only names, never counts.
 */
export const LIBRARY_SIGNATURES: [string, RegExp][] = [
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
export const CHART_PAGES = new Set(["/report", "/finder"]);

function filesUnder(folder: string, keep: (file: string) => boolean): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder, { recursive: true, encoding: "utf8" })
    .map((f) => path.join(folder, f))
    .filter((f) => keep(f) && fs.statSync(f).isFile());
}

/** The built chunks that carry recharts, and whether its core is among them: proof that the signature is there to be found. */
export function builtRechartsChunks(): { chunks: { file: string; gzipBytes: number }[]; coreFound: boolean } {
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
export function rechartsImporters(): string[] {
  return ["app", "components"]
    .flatMap((folder) => filesUnder(path.join(process.cwd(), folder), (f) => /\.tsx?$/.test(f)))
    .filter((file) => /from\s+["']recharts["']/.test(fs.readFileSync(file, "utf8")))
    .map((file) => path.relative(process.cwd(), file))
    .sort();
}
