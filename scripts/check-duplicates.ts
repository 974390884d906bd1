/**
 * Copy-paste, counted: `npm test` fails when the tree holds more repeated
 * blocks than its ceiling, so a change that pastes code instead of sharing it
 * is caught before review. A block is a run of at least WINDOW lines that is
 * the same, ignoring indentation, as a run elsewhere; imports, blank lines and
 * lines of closing brackets do not count. The ceiling is the count the tree
 * had when it was set: lower it when duplication goes away, never raise it to
 * let a copy through.
 *
 *   npx tsx scripts/check-duplicates.ts          # check against the ceiling
 *   npx tsx scripts/check-duplicates.ts --list   # and list every block
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

const WINDOW = 6;
const CEILING = 29;
/** A window found more often than this is boilerplate (a table's rows, a schema's columns), not a copy. */
const MOST_PLACES = 6;

interface Line {
  text: string;
  line: number;
}

const SKIPPED = /^(?:import\b|export \{|export \* from|\} from "|[\s})\]>;,]*$|\/\/|\/\*\*?$|\*\/$|\*$)/;

function meaningfulLines(source: string): Line[] {
  let inImportList = false;
  return source
    .split("\n")
    .map((text, index) => ({ text: text.trim(), line: index + 1 }))
    .filter(({ text }) => {
      // The names of a multi-line import or re-export list are not code.
      if (/^(?:import|export)(?: type)? \{$/.test(text)) inImportList = true;
      const listed = inImportList;
      if (inImportList && text.startsWith("} from")) inImportList = false;
      return !listed && !SKIPPED.test(text);
    });
}

function trackedSources(): string[] {
  const files = execFileSync("git", ["ls-files", "-z", "*.ts", "*.tsx", "*.mjs"], { encoding: "utf8" });
  return files.split("\0").filter((file) => file && !file.startsWith("drizzle/") && !file.endsWith(".d.ts"));
}

interface Place {
  file: string;
  at: number; // index into the file's meaningful lines
}

export interface Block {
  a: { file: string; from: number; to: number };
  b: { file: string; from: number; to: number };
}

/** Pairs of places sharing a run of WINDOW or more meaningful lines, each run counted once. */
export function findBlocks(sources: Map<string, string>): Block[] {
  const lines = new Map<string, Line[]>();
  const places = new Map<string, Place[]>();
  for (const [file, source] of sources) {
    const kept = meaningfulLines(source);
    lines.set(file, kept);
    for (let at = 0; at + WINDOW <= kept.length; at++) {
      const key = createHash("sha1")
        .update(
          kept
            .slice(at, at + WINDOW)
            .map((l) => l.text)
            .join("\n"),
        )
        .digest("base64");
      const list = places.get(key) ?? [];
      list.push({ file, at });
      places.set(key, list);
    }
  }
  const windowKey = (file: string, at: number) => `${file}\0${at}`;
  const matches = new Set<string>();
  const pairs: [Place, Place][] = [];
  for (const list of places.values()) {
    if (list.length < 2 || list.length > MOST_PLACES) continue;
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [p, q] = [list[i]!, list[j]!];
        // Overlapping windows of one file are a repeated line, not a copy.
        if (p.file === q.file && Math.abs(p.at - q.at) < WINDOW) continue;
        matches.add(`${windowKey(p.file, p.at)}|${windowKey(q.file, q.at)}`);
        pairs.push([p, q]);
      }
    }
  }
  const blocks: Block[] = [];
  for (const [p, q] of pairs) {
    // Only a run's first window starts a block; the rest extend it.
    if (matches.has(`${windowKey(p.file, p.at - 1)}|${windowKey(q.file, q.at - 1)}`)) continue;
    let length = 1;
    while (matches.has(`${windowKey(p.file, p.at + length)}|${windowKey(q.file, q.at + length)}`)) length++;
    const span = (place: Place) => {
      const kept = lines.get(place.file)!;
      return { file: place.file, from: kept[place.at]!.line, to: kept[place.at + length + WINDOW - 2]!.line };
    };
    blocks.push({ a: span(p), b: span(q) });
  }
  return blocks;
}

function main() {
  const sources = new Map(trackedSources().map((file) => [file, readFileSync(file, "utf8")]));
  const blocks = findBlocks(sources);
  if (process.argv.includes("--list")) {
    for (const { a, b } of blocks) console.log(`${a.file}:${a.from}-${a.to} ~ ${b.file}:${b.from}-${b.to}`);
  }
  const verdict = `${blocks.length} repeated blocks of ${WINDOW}+ lines in ${sources.size} files (ceiling ${CEILING})`;
  if (blocks.length > CEILING) {
    console.error(
      `${verdict}: share the code instead of copying it (list them: npx tsx scripts/check-duplicates.ts --list).`,
    );
    process.exit(1);
  }
  console.log(verdict);
}

if (process.argv[1]?.endsWith("check-duplicates.ts")) main();
