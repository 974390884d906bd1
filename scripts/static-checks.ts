/**
 * `npm test`'s first step: type-check, lint, the Prettier check and the
 * copy-paste count, run side
 * by side. Each is one single-threaded process, so on two cores together they
 * take about as long as the linter alone. Each one's output is printed whole
 * when it ends, never interleaved, with its time; any failure fails the step
 * once all have ended.
 *
 *   tsx scripts/static-checks.ts
 */
import { spawn } from "node:child_process";

const CHECKS = ["typecheck", "lint", "format:check", "duplicates:check"];

function run(script: string): Promise<{ script: string; ok: boolean; output: string; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", script], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const done = (ok: boolean) => resolve({ script, ok, output, seconds: (performance.now() - started) / 1000 });
    child.on("error", (error) => {
      output += String(error);
      done(false);
    });
    child.on("close", (code) => done(code === 0));
  });
}

async function main() {
  const results = await Promise.all(
    CHECKS.map(async (script) => {
      const result = await run(script);
      const verdict = result.ok ? "passed" : "FAILED";
      console.log(`\n> npm run ${script}: ${verdict} in ${result.seconds.toFixed(0)} s\n${result.output.trimEnd()}`);
      return result;
    }),
  );
  const failed = results.filter((r) => !r.ok).map((r) => r.script);
  if (failed.length) {
    console.error(`\nStatic checks failed: ${failed.join(", ")}.`);
    process.exit(1);
  }
}

void main();
