/**
 * Part "start": how long the README's first command takes on a fresh clone
 * until the first page answers, and how long a restart takes.
 *
 * The repository this runs in is cloned at its current commit (what is
 * committed, nothing else) into a temporary folder, and `npm install && npm
 * start` is run there as someone would after cloning: no DATABASE_URL, no
 * secrets, only PORT set to a free port. The clock stops when /signin answers
 * 200. The phases are read from what npm and scripts/start.ts print: npm's
 * banner for `npm start` ends the install, "Created the demo organisation"
 * ends the migrations and the seed, "Starting Undercurrent" ends the build,
 * and the rest is `next start` booting and rendering its first page. Then the
 * app is stopped (its whole process group) and `npm start` alone is timed
 * again: the restart, which should neither install, build nor seed.
 *
 * npm's cache is this machine's, and it is warm: the install copies packages
 * from it instead of downloading them (a laptop's first install downloads
 * about 550 packages). The table says how big the cache was.
 *
 * npm run bench -- --only start
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../scripts/hardening/app-server";
import { ms, type BenchContext, type BenchPart, type BenchTable } from "./part";

const FIRST_START_LIMIT_MS = 30 * 60_000;
const RESTART_LIMIT_MS = 5 * 60_000;
const STOP_GRACE_MS = 10_000;

/** What the output says, in the order it says it; the first line matching each marks its moment. */
const MARKERS = {
  npmStartBanner: /^> undercurrent@\S+ start$/,
  database: /^Database: /,
  prepared: /^(Created the demo organisation|Migrations applied)/,
  seeded: /^Created the demo organisation \((\d+) people\)/,
  building: /^Building the app/,
  buildUpToDate: /^Build is up to date/,
  serving: /^Starting Undercurrent on /,
  npmAdded: /^(added|changed|up to date).*\bin\b/,
} as const;

type Marker = keyof typeof MARKERS;

interface Run {
  /** Milliseconds from the spawn to the first line matching each marker. */
  marks: Partial<Record<Marker, { ms: number; line: string }>>;
  /** Milliseconds from the spawn to /signin answering 200. */
  readyMs: number;
}

interface RunningCommand {
  child: ChildProcess;
  marks: Run["marks"];
  startedAt: number;
  output(): string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function git(args: string[], cwd: string): string {
  return execFileSync("git", args, { cwd, encoding: "utf8" }).trim();
}

/**
 * The environment of someone who has just cloned the repository: ours without
 * the app's settings (so the embedded database and a generated secret are
 * used) and without the npm_* variables `npm run` sets, which would steer the
 * inner npm.
 */
function freshShellEnvironment(port: number): NodeJS.ProcessEnv {
  const appSettings = new Set([
    "DATABASE_URL",
    "PGLITE_DATA_DIR",
    "NEXTAUTH_SECRET",
    "AUTH_SECRET",
    "NEXTAUTH_URL",
    "APP_URL",
    "DEMO_SIGN_IN",
    "SMTP_URL",
    "MAIL_FROM",
    "NODE_ENV",
    "PORT",
    "INIT_CWD",
  ]);
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (appSettings.has(name) || /^npm_/i.test(name) || name.startsWith("OIDC_")) delete env[name];
  }
  env.PORT = String(port);
  return env;
}

/** Runs `command` in its own process group, every line stamped and kept, the markers noted as they pass. */
function runInShell(command: string, cwd: string, env: NodeJS.ProcessEnv, logFile: string): RunningCommand {
  const startedAt = performance.now();
  const marks: Run["marks"] = {};
  const lines: string[] = [];
  fs.writeFileSync(logFile, `$ ${command}\n`);
  const child = spawn("sh", ["-c", command], { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const forget = killGroupOnExit(child);
  child.once("exit", forget);
  const take = (line: string) => {
    const at = performance.now() - startedAt;
    const plain = line.replace(/\r/g, "").trimEnd();
    lines.push(plain);
    fs.appendFileSync(logFile, `[+${(at / 1000).toFixed(1)} s] ${plain}\n`);
    for (const [name, pattern] of Object.entries(MARKERS) as [Marker, RegExp][]) {
      if (!marks[name] && pattern.test(plain.trim())) marks[name] = { ms: at, line: plain.trim() };
    }
  };
  for (const stream of [child.stdout!, child.stderr!]) {
    let partial = "";
    stream.setEncoding("utf8").on("data", (text: string) => {
      const parts = (partial + text).split("\n");
      partial = parts.pop()!;
      parts.forEach(take);
    });
    stream.on("end", () => partial && take(partial));
  }
  return { child, marks, startedAt, output: () => lines.join("\n") };
}

/** Ctrl-C or a crash of the bench must not leave an app serving from a folder about to be deleted. */
function killGroupOnExit(child: ChildProcess): () => void {
  const kill = () => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // gone
    }
  };
  const interrupted = () => {
    kill();
    process.exit(130);
  };
  process.on("exit", kill);
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  return () => {
    process.off("exit", kill);
    process.off("SIGINT", interrupted);
    process.off("SIGTERM", interrupted);
  };
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function waitForFirstPage(running: RunningCommand, port: number, limitMs: number): Promise<Run> {
  const deadline = running.startedAt + limitMs;
  while (performance.now() < deadline) {
    if (hasExited(running.child)) {
      throw new Error(
        `the command exited (${running.child.exitCode ?? running.child.signalCode}) before /signin answered:\n${running.output().slice(-3000)}`,
      );
    }
    try {
      const answer = await fetch(`http://127.0.0.1:${port}/signin`, {
        redirect: "manual",
        signal: AbortSignal.timeout(10_000),
      });
      await answer.arrayBuffer();
      if (answer.status === 200) return { marks: running.marks, readyMs: performance.now() - running.startedAt };
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`/signin did not answer 200 within ${limitMs / 60_000} min:\n${running.output().slice(-3000)}`);
}

/** SIGTERM to the whole group (npm, sh, tsx, next start and its workers), SIGKILL if it lingers. */
async function stopGroup(child: ChildProcess): Promise<void> {
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // the group is gone
    }
  };
  if (child.pid === undefined) return;
  const exited = hasExited(child)
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once("exit", () => resolve()));
  signal("SIGTERM");
  const gone = await Promise.race([exited.then(() => true), sleep(STOP_GRACE_MS).then(() => false)]);
  if (!gone) signal("SIGKILL");
  await exited;
  signal("SIGKILL"); // anything that outlived its parent
}

function npmCacheState(env: NodeJS.ProcessEnv): string {
  try {
    const cache = execFileSync("npm", ["config", "get", "cache"], { env, encoding: "utf8" }).trim();
    const store = path.join(cache, "_cacache");
    if (!fs.existsSync(store)) return `npm's cache (${cache}) is empty: a cold install, every package downloaded.`;
    const kib = Number(execFileSync("du", ["-sk", store], { encoding: "utf8" }).split(/\s/)[0]);
    return `npm's cache (${cache}) held ${(kib / 1024).toFixed(0)} MB before the run: warm, so the install copied packages rather than downloading them (a first install on a laptop downloads about 550).`;
  } catch (error) {
    return `npm's cache state unknown (${error instanceof Error ? error.message : String(error)})`;
  }
}

const between = (run: Run, from: Marker | 0, to: Marker | "ready"): number => {
  const start = from === 0 ? 0 : run.marks[from]?.ms;
  const end = to === "ready" ? run.readyMs : run.marks[to]?.ms;
  return start === undefined || end === undefined ? NaN : end - start;
};

/** Other work on the machine slows every phase; the table says how busy it was. */
function loadAverage(): string {
  return os.loadavg()[0]!.toFixed(1);
}

function startTable(first: Run, restart: Run, commit: string, cacheState: string, loadBefore: string): BenchTable {
  const firstRows = [
    ["fresh clone: npm install", ms(between(first, 0, "npmStartBanner"))],
    ["fresh clone: settings, migrations and demo seed", ms(between(first, "npmStartBanner", "prepared"))],
    ["fresh clone: build (next build)", ms(between(first, "prepared", "serving"))],
    ["fresh clone: serve (next start until /signin answers 200)", ms(between(first, "serving", "ready"))],
    ["fresh clone: `npm install && npm start`, total", ms(first.readyMs)],
  ];
  const restartRows = [
    ["restart: settings and migrations (none pending)", ms(between(restart, 0, "prepared"))],
    ["restart: build check", ms(between(restart, "prepared", "serving"))],
    ["restart: serve (next start until /signin answers 200)", ms(between(restart, "serving", "ready"))],
    ["restart: `npm start`, total", ms(restart.readyMs)],
  ];
  const notes = [
    `Commit ${commit.slice(0, 12)}, cloned into a temporary folder and removed afterwards; PORT set to a free port, no DATABASE_URL, no secrets: the embedded database and a generated secret, as on a fresh machine. Node ${process.version}, npm ${npmVersion()}.`,
    cacheState,
    `Load average (1 min) before the clone: ${loadBefore}, on ${os.cpus().length} cores; well above 0, other work was slowing every phase. The clone itself (from a local path) is not timed.`,
  ];
  if (first.marks.npmAdded) notes.push(`npm install said: "${first.marks.npmAdded.line}"`);
  if (first.marks.seeded) notes.push(`First start: "${first.marks.seeded.line}"`);
  if (!first.marks.building) notes.push("The first start did not build: that should not happen on a fresh clone.");
  if (restart.marks.building) notes.push("The restart rebuilt the app: the build stamp did not hold.");
  if (restart.marks.seeded) notes.push("The restart seeded the demo again: the data folder was not kept.");
  if (restart.marks.buildUpToDate && restart.marks.prepared)
    notes.push(`Restart: "${restart.marks.prepared.line}" and "${restart.marks.buildUpToDate.line}"`);
  return {
    title: "Fresh clone to first page, and restart",
    columns: ["phase", "time"],
    rows: [...firstRows, ...restartRows],
    notes,
  };
}

function npmVersion(): string {
  try {
    return execFileSync("npm", ["--version"], { encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

export const startPart: BenchPart = {
  name: "start",
  async run(ctx: BenchContext) {
    const repository = git(["rev-parse", "--show-toplevel"], process.cwd());
    const commit = git(["rev-parse", "HEAD"], repository);
    const logDir = path.join(process.cwd(), "test-results", "bench");
    fs.mkdirSync(logDir, { recursive: true });
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), "undercurrent-bench-start-"));
    const clone = path.join(parent, "undercurrent");
    let running: RunningCommand | null = null;
    try {
      const loadBefore = loadAverage();
      ctx.say(`start: cloning ${repository} at ${commit.slice(0, 12)} into ${clone}`);
      git(["clone", "--quiet", repository, clone], parent);
      git(["checkout", "--quiet", "--detach", commit], clone);
      const port = await freePort();
      const env = freshShellEnvironment(port);
      const cacheState = npmCacheState(env);

      ctx.say(
        `start: npm install && npm start on port ${port} (install, seed and build: minutes); output in test-results/bench/start-first.log`,
      );
      running = runInShell("npm install && npm start", clone, env, path.join(logDir, "start-first.log"));
      const first = await waitForFirstPage(running, port, FIRST_START_LIMIT_MS);
      ctx.say(`  /signin answered after ${ms(first.readyMs)}; stopping the app`);
      await stopGroup(running.child);
      running = null;

      ctx.say("start: npm start again (the restart); output in test-results/bench/start-restart.log");
      running = runInShell("npm start", clone, env, path.join(logDir, "start-restart.log"));
      const restart = await waitForFirstPage(running, port, RESTART_LIMIT_MS);
      ctx.say(`  /signin answered after ${ms(restart.readyMs)}`);
      return [startTable(first, restart, commit, cacheState, loadBefore)];
    } finally {
      if (running) await stopGroup(running.child);
      fs.rmSync(parent, { recursive: true, force: true });
    }
  },
};
