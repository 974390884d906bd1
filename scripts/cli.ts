/**
 * What the command-line scripts share: one clear line for a known failure
 * (a setting, an unreachable server, a locked data folder), a stack trace only
 * for the unexpected, and a progress line that rewrites itself on a terminal.
 */
import { ConfigError } from "../server/config";
import { DatabaseUnreachableError } from "../server/db/engines";
import { DataFolderInUseError } from "../server/db/pglite-lock";

export function fail(message: string): never {
  console.error(`\nUndercurrent: ${message}`);
  process.exit(1);
}

export function explainAndExit(error: unknown): never {
  if (
    error instanceof ConfigError ||
    error instanceof DatabaseUnreachableError ||
    error instanceof DataFolderInUseError
  ) {
    fail(error.message);
  }
  console.error(error);
  fail("an unexpected error stopped this command (details above).");
}

export function progressLine(prefix: string): (message: string) => void {
  const live = process.stdout.isTTY;
  return (message) => {
    if (live) process.stdout.write(`\r\x1b[K${prefix}${message}`);
    else console.log(`${prefix}${message}`);
  };
}

export function endProgress(): void {
  if (process.stdout.isTTY) process.stdout.write("\n");
}

/** `--people 2000 --seed 7` → { people: 2000, seed: 7 }; anything else is refused. */
export function parseSeedFlags(args: string[]): { people?: number; seed?: number; yes: boolean } {
  const result: { people?: number; seed?: number; yes: boolean } = { yes: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--yes") {
      result.yes = true;
      continue;
    }
    const [flag, inline] = arg.split("=", 2);
    if (flag !== "--people" && flag !== "--seed") fail(`unknown option ${arg} (expected --people N, --seed S, --yes)`);
    const raw = inline ?? args[++i];
    const value = Number(raw);
    if (!Number.isInteger(value) || value < (flag === "--people" ? 10 : 0) || value > 1_000_000) {
      fail(`${flag} needs a whole number${flag === "--people" ? " of at least 10" : ""}, got "${raw ?? ""}"`);
    }
    if (flag === "--people") result.people = value;
    else result.seed = value;
  }
  return result;
}
