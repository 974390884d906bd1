/**
 * npm run bench [-- --people 1000,10000,50000 --only database,publish-job,submit,limits,pages,start --engine pglite,postgres]
 *
 * Measures the app at organisation scale and prints Markdown tables, each
 * figure beside a baseline measured in the same run (bench/README.md holds
 * a run on the reference machine). On embedded PGlite always, and on the
 * PostgreSQL server in DATABASE_URL when it is set (throw-away databases are
 * created there and dropped). A measurement, not a test: it asserts nothing.
 */
import { databasePart } from "./database";
import { limitsPart } from "./limits";
import { pagesPart } from "./pages";
import { publishJobPart } from "./publish-job";
import { startPart } from "./start";
import { submitPart } from "./submit";
import { type BenchContext, type BenchEngine, type BenchPart, formatTable } from "./part";

const PARTS: BenchPart[] = [databasePart, publishJobPart, submitPart, limitsPart, pagesPart, startPart];

interface Flags {
  sizes: number[];
  only: string[] | null;
  engines: BenchEngine[] | null;
}

function parseFlags(args: string[]): Flags {
  const flags: Flags = { sizes: [1000, 10_000], only: null, engines: null };
  for (let i = 0; i < args.length; i++) {
    const [name, inline] = args[i]!.split("=", 2);
    const value = inline ?? args[++i] ?? "";
    const list = value
      .split(",")
      .map((v) => v.trim())
      .filter(Boolean);
    if (name === "--people") {
      flags.sizes = list.map(Number).sort((a, b) => a - b);
      if (!flags.sizes.length || flags.sizes.some((n) => !Number.isInteger(n) || n < 100 || n > 200_000)) {
        throw new Error("--people takes whole numbers from 100 to 200000, separated by commas");
      }
    } else if (name === "--only") {
      const unknown = list.filter((n) => !PARTS.some((p) => p.name === n));
      if (unknown.length)
        throw new Error(`--only: unknown part ${unknown.join(", ")} (parts: ${PARTS.map((p) => p.name).join(", ")})`);
      flags.only = list;
    } else if (name === "--engine") {
      if (list.some((e) => e !== "pglite" && e !== "postgres"))
        throw new Error("--engine takes pglite, postgres or both");
      flags.engines = list as BenchEngine[];
    } else {
      throw new Error(
        `unknown option ${args[i]} (expected --people N[,N…], --only part[,part…], --engine pglite,postgres)`,
      );
    }
  }
  return flags;
}

async function main() {
  const flags = parseFlags(process.argv.slice(2));
  const postgresUrl = process.env.DATABASE_URL?.trim() || null;
  const engines = flags.engines ?? (postgresUrl ? ["pglite", "postgres"] : ["pglite"]);
  if (engines.includes("postgres") && !postgresUrl) throw new Error("--engine postgres needs DATABASE_URL");
  const ctx: BenchContext = { sizes: flags.sizes, engines, postgresUrl, say: (line) => console.error(line) };
  for (const part of PARTS.filter((p) => !flags.only || flags.only.includes(p.name))) {
    const tables = await part.run(ctx);
    console.log(`\n${tables.map(formatTable).join("\n\n")}\n`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
