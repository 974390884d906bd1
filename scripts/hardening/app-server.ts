/**
 * The app as a child process, started the way people start it (`npm start`:
 * settings checked, migrations, a build if the sources changed, `next start`)
 * on one engine and one port, with its output kept for later reading. The
 * child leads its own process group, so `kill()` takes down `next start` and
 * its workers too, and nothing is left running when the script ends or fails.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export type Engine = { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string };

export interface AppServerOptions {
  engine: Engine;
  port: number;
  /** Where the server's stdout and stderr are written as well (appended across restarts). */
  logFile?: string;
  /** Kept across restarts so that sessions stay valid. */
  authSecret?: string;
  /** How long a start may take; the first one may build the app (about a minute here). */
  readyTimeoutMs?: number;
  /** More settings for the app (the attack suite may want some). */
  env?: Record<string, string>;
}

export interface AppServer {
  /** http://127.0.0.1:PORT — what clients use. */
  readonly url: string;
  readonly port: number;
  readonly engine: Engine;
  /** Everything the server printed since it was first started, across restarts. */
  log(): string;
  /** Starts it (again) and waits until /signin answers. */
  start(): Promise<void>;
  /** SIGTERM to the process group, then SIGKILL if it has not gone within 10 s. */
  stop(): Promise<void>;
  /** SIGKILL to the whole process group: a crash, with no chance to flush anything. */
  kill(): Promise<void>;
  readonly running: boolean;
  /** Whether process `pid` (say, the one a log line or a job names) belongs to this server. */
  owns(pid: number): boolean;
}

const root = process.cwd();
const tsxCli = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");

/** The process groups started here, so that an exit of this process for any reason takes them down. */
const groups = new Set<number>();

/** Signals every process of the group the child leads, even after the leader itself has gone. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the whole group is gone
  }
}

let exitHooked = false;
function killChildrenOnExit() {
  if (exitHooked) return;
  exitHooked = true;
  const killAll = () => {
    for (const pid of groups) {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // gone
      }
    }
  };
  process.on("exit", killAll);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(130);
    });
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createAppServer(options: AppServerOptions): AppServer {
  const url = `http://127.0.0.1:${options.port}`;
  const secret = options.authSecret ?? randomBytes(24).toString("base64url");
  const chunks: string[] = [];
  let child: ChildProcess | null = null;

  const record = (text: string) => {
    chunks.push(text);
    if (options.logFile) fs.appendFileSync(options.logFile, text);
  };

  /** Our settings over the inherited ones; the engine's setting chosen here, never inherited. */
  function environment(): NodeJS.ProcessEnv {
    const dropped = new Set(["AUTH_SECRET", "DATABASE_URL", "PGLITE_DATA_DIR"]);
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !dropped.has(name)));
    return {
      ...inherited,
      NODE_ENV: "production", // as `npm start` serves it
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(options.port),
      NEXTAUTH_URL: `http://localhost:${options.port}`,
      NEXTAUTH_SECRET: secret,
      DEMO_SIGN_IN: "1",
      ...(options.engine.kind === "postgres"
        ? { DATABASE_URL: options.engine.url }
        : { PGLITE_DATA_DIR: options.engine.dataDir }),
      ...options.env,
    };
  }

  async function waitUntilServing(started: ChildProcess): Promise<void> {
    const deadline = Date.now() + (options.readyTimeoutMs ?? 240_000);
    while (Date.now() < deadline) {
      if (started.exitCode !== null || started.signalCode !== null) {
        throw new Error(
          `the app exited while starting (${started.exitCode ?? started.signalCode}):\n${tail(chunks.join(""), 3000)}`,
        );
      }
      try {
        const answer = await fetch(`${url}/signin`, { signal: AbortSignal.timeout(5_000), redirect: "manual" });
        await answer.arrayBuffer();
        if (answer.status < 500) return;
      } catch {
        // not listening yet
      }
      await sleep(250);
    }
    throw new Error(
      `the app did not answer ${url}/signin within ${(options.readyTimeoutMs ?? 240_000) / 1000} s:\n${tail(chunks.join(""), 3000)}`,
    );
  }

  const server: AppServer = {
    url,
    port: options.port,
    engine: options.engine,
    log: () => chunks.join(""),
    get running() {
      return child !== null && child.exitCode === null && child.signalCode === null;
    },
    async start() {
      if (server.running) throw new Error("the app is already running");
      killChildrenOnExit();
      const startedAt = performance.now();
      record(`\n--- hardening ${new Date().toISOString()}: starting the app on ${url} (${options.engine.kind}) ---\n`);
      const started = spawn(process.execPath, [tsxCli, "--conditions=react-server", "scripts/start.ts"], {
        cwd: root,
        env: environment(),
        detached: true, // its own process group: kill() reaches next start's workers too
        stdio: ["ignore", "pipe", "pipe"],
      });
      child = started;
      if (started.pid !== undefined) groups.add(started.pid);
      // Each line of output marked with the seconds since this start, to read a restart's timeline.
      const stamped = (text: string) =>
        record(text.replace(/^(?=.)/gm, () => `[+${((performance.now() - startedAt) / 1000).toFixed(1)} s] `));
      started.stdout!.setEncoding("utf8").on("data", stamped);
      started.stderr!.setEncoding("utf8").on("data", stamped);
      try {
        await waitUntilServing(started);
        record(
          `--- hardening ${new Date().toISOString()}: /signin answered after ${((performance.now() - startedAt) / 1000).toFixed(1)} s ---\n`,
        );
      } catch (error) {
        await server.kill();
        throw error;
      }
    },
    async stop() {
      if (!child) return;
      const stopping = child;
      killGroup(stopping, "SIGTERM");
      const gone = await Promise.race([exited(stopping).then(() => true), sleep(10_000).then(() => false)]);
      if (!gone) killGroup(stopping, "SIGKILL");
      await exited(stopping);
      killGroup(stopping, "SIGKILL"); // workers that outlived their parent
      groups.delete(stopping.pid!);
      child = null;
    },
    owns(pid) {
      if (!child?.pid) return false;
      try {
        // /proc/<pid>/stat: "pid (comm) state ppid pgrp …"; the comm may hold spaces, so read after its ")".
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        return Number(fields[2]) === child.pid;
      } catch {
        return false;
      }
    },
    async kill() {
      if (!child) return;
      const killed = child;
      killGroup(killed, "SIGKILL");
      await exited(killed);
      groups.delete(killed.pid!);
      child = null;
    },
  };
  return server;
}

function tail(text: string, chars: number): string {
  return text.length > chars ? `…${text.slice(-chars)}` : text;
}
