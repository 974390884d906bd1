/**
 * A restart does not rebuild the app when nothing the build reads has changed,
 * however many files `npm install`, a checkout or an editor touched.
 *
 * The real start script runs in a copy of the project's build inputs that is
 * stamped as built (a stand-in .next, the stamp a finished build leaves), with
 * the project's node_modules and migrations linked in. The script is stopped as
 * soon as it says what it decided, so no `next build` runs here.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILD_INPUTS, currentBuildStamp, recordBuild } from "../scripts/build-stamp";

const repo = fileURLToPath(new URL("..", import.meta.url));
const tsx = path.join(repo, "node_modules", ".bin", "tsx");

let project: string;
let childEnv: NodeJS.ProcessEnv;

beforeAll(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), "uc-restart-"));
  for (const entry of BUILD_INPUTS) {
    const from = path.join(repo, entry);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(project, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(repo, "node_modules"), path.join(project, "node_modules"));
  fs.symlinkSync(path.join(repo, "drizzle"), path.join(project, "drizzle"));

  // The environment the start script gets: none of the app's settings from this runner but the ones stated here.
  childEnv = { ...process.env };
  for (const name of Object.keys(childEnv)) {
    if (
      /^(NEXT_PUBLIC_|DATABASE_URL$|DEMO_SIGN_IN$|NEXTAUTH_|AUTH_SECRET$|APP_URL$|OIDC_|SMTP_URL$|NODE_ENV$)/.test(name)
    )
      delete childEnv[name];
  }
  Object.assign(childEnv, { PGLITE_DATA_DIR: path.join(project, "data", "pglite"), PORT: "39931" });

  // As a finished `npm start` build leaves it.
  fs.mkdirSync(path.join(project, ".next"));
  fs.writeFileSync(path.join(project, ".next", "BUILD_ID"), "stand-in\n");
  recordBuild(project, currentBuildStamp(project, childEnv));
});

afterAll(() => {
  if (project) fs.rmSync(project, { recursive: true, force: true });
});

/** Runs `npm start`'s script in the copy until it says whether it builds, then stops it and everything it started. */
function startUntilBuildDecision(): Promise<{ decision: string; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ["--conditions=react-server", path.join(repo, "scripts", "start.ts")], {
      cwd: project,
      env: childEnv,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true, // its own process group, so the build or server it spawns stops with it
    });
    let output = "";
    let decision: string | null = null;
    const stop = () => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(stop, 150_000);
    const watch = (chunk: Buffer) => {
      output += chunk.toString();
      const said = /^(Build is up to date\.|Building the app.*)$/m.exec(output);
      if (said && decision === null) {
        decision = said[1]!;
        stop();
      }
    };
    child.stdout.on("data", watch);
    child.stderr.on("data", watch);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", () => {
      clearTimeout(timer);
      resolve({ decision: decision ?? "(none)", output });
    });
  });
}

/** What `npm install` and a checkout do: every file newer, package-lock.json and tsconfig.json rewritten with the same bytes. */
function touchEveryBuildInput() {
  const later = new Date(Date.now() + 3_600_000);
  const visit = (full: string) => {
    if (fs.lstatSync(full).isDirectory()) for (const child of fs.readdirSync(full)) visit(path.join(full, child));
    fs.utimesSync(full, later, later);
  };
  for (const entry of BUILD_INPUTS) if (fs.existsSync(path.join(project, entry))) visit(path.join(project, entry));
  for (const file of ["package-lock.json", "tsconfig.json"]) {
    const full = path.join(project, file);
    fs.writeFileSync(full, fs.readFileSync(full));
  }
}

describe("npm start after a build", () => {
  it("says the build is up to date when the sources were only touched", { timeout: 180_000 }, async () => {
    touchEveryBuildInput();
    const { decision, output } = await startUntilBuildDecision();
    expect(decision, output).toBe("Build is up to date.");
  });

  it("still rebuilds when a source really changed, and says which", { timeout: 180_000 }, async () => {
    fs.appendFileSync(path.join(project, "app", "layout.tsx"), "\n// a real change\n");
    const { decision, output } = await startUntilBuildDecision();
    expect(decision, output).toMatch(/^Building the app \(app\/layout\.tsx changed\)/);
  });
});
