/**
 * Whether `npm start` must run `next build`: a record of what the last build
 * was made from, compared with what is on disk now.
 *
 * The record holds a hash of each file's *contents*, never its modification
 * time: `npm install` rewrites package-lock.json unchanged on every run, and a
 * checkout or an editor's "save all" touches files without changing them. A
 * restart after any of those must not cost a minute's build.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * What `next build` reads from the project. Migrations (drizzle/) and the
 * scripts are read at run time, not built in; next-env.d.ts is written by Next
 * itself and only gives the editor types. The .env files are here because Next
 * loads them while building: their NEXT_PUBLIC_ settings are copied into the
 * pages, and next.config.ts may read others.
 */
export const BUILD_INPUTS = [
  "app",
  "components",
  "server",
  "trpc",
  "lib",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "instrumentation-node.ts",
  "next.config.ts",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  ".env",
  ".env.local",
  ".env.production",
  ".env.production.local",
];

/** Next may rewrite this while it builds (it adds its type folders when missing); what it leaves is what it built with. */
const WRITTEN_BY_NEXT_BUILD = ["tsconfig.json"];

/** The environment the build runs with; only the settings buildSettings picks out matter. */
type Environment = Record<string, string | undefined>;

const STAMP_FILE = path.join(".next", "undercurrent-build-stamp.json");

export interface BuildStamp {
  nextVersion: string;
  /** Setting → hash of its value, for the settings the build reads (see buildSettings); the rest are read at run time. */
  buildSettings: Record<string, string>;
  /** Path relative to the project → sha256 of its contents. */
  files: Record<string, string>;
}

/** Tests are never bundled, nor are editors' backup files (dot-files are skipped while walking). */
function isBuildInput(relative: string): boolean {
  const name = path.basename(relative);
  return !/\.test\.tsx?$/.test(name) && !name.endsWith("~");
}

function hashFile(full: string): string {
  return createHash("sha256").update(fs.readFileSync(full)).digest("hex");
}

export function hashBuildInputs(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const visit = (relative: string, top: boolean) => {
    const full = path.join(root, relative);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      return; // optional inputs (public/, .env…) are simply absent
    }
    if (stat.isDirectory()) {
      for (const child of fs.readdirSync(full).sort()) {
        if (child.startsWith(".") || child === "node_modules") continue;
        visit(path.join(relative, child), false);
      }
    } else if (stat.isFile() && (top || isBuildInput(relative))) {
      files[relative.split(path.sep).join("/")] = hashFile(full);
    }
  };
  for (const entry of BUILD_INPUTS) visit(entry, true);
  return files;
}

function installedNextVersion(root: string): string {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, "node_modules", "next", "package.json"), "utf8"));
    return String(manifest.version);
  } catch {
    return "not installed";
  }
}

/**
 * The settings a build depends on: NEXT_PUBLIC_* (Next copies them into the
 * pages) and whatever next.config.ts reads (an output mode, say). NODE_ENV is
 * left out: `npm start` always builds with "production". Values are kept as
 * hashes, in case a config ever reads a secret.
 */
function buildSettings(root: string, env: Environment): Record<string, string> {
  let config = "";
  try {
    config = fs.readFileSync(path.join(root, "next.config.ts"), "utf8");
  } catch {
    // no config file: only NEXT_PUBLIC_* matter
  }
  const readByConfig = [...config.matchAll(/process\.env(?:\.|\[["'])([A-Za-z_][A-Za-z0-9_]*)/g)].map(
    (match) => match[1]!,
  );
  const names = new Set([...Object.keys(env).filter((name) => name.startsWith("NEXT_PUBLIC_")), ...readByConfig]);
  names.delete("NODE_ENV");
  const settings: Record<string, string> = {};
  for (const name of [...names].sort()) {
    const value = env[name];
    if (value !== undefined) settings[name] = createHash("sha256").update(value).digest("hex");
  }
  return settings;
}

export function currentBuildStamp(root: string, env: Environment): BuildStamp {
  return {
    nextVersion: installedNextVersion(root),
    buildSettings: buildSettings(root, env),
    files: hashBuildInputs(root),
  };
}

function listed(paths: string[], what: string): string {
  const shown = paths.slice(0, 3).join(", ");
  return paths.length > 3 ? `${shown} and ${paths.length - 3} more ${what}` : `${shown} ${what}`;
}

/** Why the build that `previous` describes no longer fits `current`, or null when it does. */
export function reasonToRebuild(previous: BuildStamp | null, current: BuildStamp): string | null {
  if (!previous) return "no record of what the last build was made from";
  if (previous.nextVersion !== current.nextVersion) return `Next.js ${previous.nextVersion} → ${current.nextVersion}`;
  const names = new Set([...Object.keys(previous.buildSettings), ...Object.keys(current.buildSettings)]);
  const settings = [...names].filter((name) => previous.buildSettings[name] !== current.buildSettings[name]).sort();
  const changed: string[] = [];
  const added: string[] = [];
  for (const [file, hash] of Object.entries(current.files)) {
    if (!(file in previous.files)) added.push(file);
    else if (previous.files[file] !== hash) changed.push(file);
  }
  const removed = Object.keys(previous.files).filter((file) => !(file in current.files));
  const reasons = [
    settings.length ? listed(settings, "changed") : "",
    changed.length ? listed(changed, "changed") : "",
    added.length ? listed(added, "added") : "",
    removed.length ? listed(removed, "removed") : "",
  ].filter(Boolean);
  return reasons.length ? reasons.join("; ") : null;
}

export function readRecordedStamp(root: string): BuildStamp | null {
  try {
    const stamp = JSON.parse(fs.readFileSync(path.join(root, STAMP_FILE), "utf8")) as BuildStamp;
    return typeof stamp.nextVersion === "string" && stamp.files && stamp.buildSettings ? stamp : null;
  } catch {
    return null; // none yet, or the older one-line format: build once more
  }
}

export type BuildDecision = { upToDate: true } | { upToDate: false; reason: string };

/** The decision `npm start` makes, and the stamp to record if it builds. */
export function decideBuild(root: string, env: Environment): { decision: BuildDecision; stamp: BuildStamp } {
  const stamp = currentBuildStamp(root, env);
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID")))
    return { decision: { upToDate: false, reason: "no build yet" }, stamp };
  const reason = reasonToRebuild(readRecordedStamp(root), stamp);
  return { decision: reason === null ? { upToDate: true } : { upToDate: false, reason }, stamp };
}

/** Before building: a build that fails or is interrupted must not look like the one recorded. */
export function forgetBuild(root: string): void {
  fs.rmSync(path.join(root, STAMP_FILE), { force: true });
}

/**
 * After a build: records `before` (taken just before `next build` ran, so an
 * edit made during the build still triggers the next one), except for the
 * files Next itself rewrote while building, which are recorded as it left them.
 */
export function recordBuild(root: string, before: BuildStamp): void {
  const files = { ...before.files };
  for (const file of WRITTEN_BY_NEXT_BUILD) {
    const full = path.join(root, file);
    if (fs.existsSync(full)) files[file] = hashFile(full);
  }
  fs.writeFileSync(path.join(root, STAMP_FILE), JSON.stringify({ ...before, files }, null, 1));
}
