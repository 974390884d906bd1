/**
 * Runs one of the project's command-line scripts (scripts/*.ts) in a real child
 * process, the way `npm start` / `npm run db:*` do, and collects what it said.
 * The child gets the parent's environment without any of the app's settings,
 * so each test states exactly the settings it means.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const tsx = path.join(root, "node_modules", ".bin", "tsx");

/** Settings the app reads; never inherited from the test runner's environment. */
const APP_SETTINGS = [
  "DATABASE_URL",
  "PGLITE_DATA_DIR",
  "DEMO_SIGN_IN",
  "NEXTAUTH_SECRET",
  "AUTH_SECRET",
  "NEXTAUTH_URL",
  "APP_URL",
  "TRUST_PROXY",
  "SMTP_URL",
  "MAIL_FROM",
  "SESSION_MAX_AGE_HOURS",
  "SESSION_IDLE_MINUTES",
  "NODE_ENV",
  "PORT",
];

export interface ScriptResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function runScript(
  script: string,
  args: string[],
  settings: Record<string, string>,
  options: { timeoutMs?: number } = {},
): Promise<ScriptResult> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of APP_SETTINGS) delete env[name];
  Object.assign(env, settings);
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ["--conditions=react-server", path.join("scripts", script), ...args], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // Only a stuck script is killed: on a busy machine tsx and PGlite alone can take a minute.
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 240_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Lines of a stack trace as Node prints them ("    at fn (file:line)"). */
export const STACK_LINE = /^\s{4}at /m;
