import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  currentBuildStamp,
  decideBuild,
  forgetBuild,
  hashBuildInputs,
  reasonToRebuild,
  recordBuild,
  type BuildStamp,
} from "./build-stamp";

let project: string;

function write(relative: string, contents: string) {
  fs.mkdirSync(path.dirname(path.join(project, relative)), { recursive: true });
  fs.writeFileSync(path.join(project, relative), contents);
}

/** Every file in the project an hour newer, contents untouched: what `npm install` or a checkout does. */
function touchEverything() {
  const later = new Date(Date.now() + 3_600_000);
  const visit = (full: string) => {
    if (fs.statSync(full).isDirectory()) for (const child of fs.readdirSync(full)) visit(path.join(full, child));
    fs.utimesSync(full, later, later);
  };
  visit(project);
}

/** A project as far as the build is concerned, built once. */
function builtProject() {
  write("app/page.tsx", "export default function Page() { return null; }\n");
  write("components/ui/button.tsx", "export const Button = () => null;\n");
  write("server/config.ts", "export const x = 1;\n");
  write("next.config.ts", "export default {};\n");
  write("package-lock.json", '{ "lockfileVersion": 3 }\n');
  write("tsconfig.json", "{}\n");
  write("node_modules/next/package.json", '{ "version": "16.4.6" }\n');
  write(".next/BUILD_ID", "abc\n");
  const { stamp } = decideBuild(project, {});
  recordBuild(project, stamp);
}

beforeEach(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), "uc-build-stamp-"));
  builtProject();
});

afterEach(() => {
  fs.rmSync(project, { recursive: true, force: true });
});

describe("the build stamp", () => {
  it("is the same when files were touched or rewritten without changing", () => {
    const before = currentBuildStamp(project, {});
    touchEverything();
    write("package-lock.json", '{ "lockfileVersion": 3 }\n'); // npm install rewrites it, same bytes
    expect(currentBuildStamp(project, {})).toEqual(before);
    expect(decideBuild(project, {}).decision).toEqual({ upToDate: true });
  });

  it("changes when a file's contents change, and names the file", () => {
    const before = currentBuildStamp(project, {});
    write("components/ui/button.tsx", "export const Button = () => 'changed';\n");
    expect(currentBuildStamp(project, {})).not.toEqual(before);
    expect(decideBuild(project, {}).decision).toEqual({ upToDate: false, reason: "components/ui/button.tsx changed" });
  });

  it("changes when a file is added or removed", () => {
    write("app/team/page.tsx", "export default function Team() { return null; }\n");
    expect(decideBuild(project, {}).decision).toEqual({ upToDate: false, reason: "app/team/page.tsx added" });
    fs.rmSync(path.join(project, "app/team/page.tsx"));
    fs.rmSync(path.join(project, "server/config.ts"));
    expect(decideBuild(project, {}).decision).toEqual({ upToDate: false, reason: "server/config.ts removed" });
  });

  it("changes with the installed Next.js and with the settings the build reads", () => {
    write("node_modules/next/package.json", '{ "version": "16.4.7" }\n');
    expect(decideBuild(project, {}).decision).toEqual({ upToDate: false, reason: "Next.js 16.4.6 → 16.4.7" });
    write("node_modules/next/package.json", '{ "version": "16.4.6" }\n');
    expect(decideBuild(project, { NEXT_PUBLIC_BRAND: "Acme" }).decision).toEqual({
      upToDate: false,
      reason: "NEXT_PUBLIC_BRAND changed",
    });
    write(
      "next.config.ts",
      'export default { output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined };\n',
    );
    recordBuild(project, decideBuild(project, {}).stamp);
    expect(decideBuild(project, { NEXT_OUTPUT: "standalone" }).decision).toEqual({
      upToDate: false,
      reason: "NEXT_OUTPUT changed",
    });
    // Run-time settings are not built in: changing them needs no build; nor does NODE_ENV, always "production" in a build.
    expect(decideBuild(project, { NODE_ENV: "production" }).decision).toEqual({ upToDate: true });
    expect(decideBuild(project, { DATABASE_URL: "postgres://elsewhere/db", PORT: "4400" }).decision).toEqual({
      upToDate: true,
    });
  });

  it("ignores tests, dot-files and what is not built", () => {
    write("server/config.test.ts", "it('x', () => {});\n");
    write("app/.page.tsx.swp", "editor");
    write("app/page.tsx~", "backup");
    write("drizzle/0001_new.sql", "create table x ();\n"); // migrations are read at run time
    write("scripts/start.ts", "console.log(1);\n");
    write("next-env.d.ts", '/// <reference types="next" />\n'); // Next writes it; types only
    write(".next/server/app/page.js", "compiled");
    expect(decideBuild(project, {}).decision).toEqual({ upToDate: true });
  });

  it("asks for a build when there is none, or no readable record of the last one", () => {
    fs.writeFileSync(path.join(project, ".next/undercurrent-build-stamp.json"), "5e3711b74ce9dac046a0"); // an older format
    expect(decideBuild(project, {}).decision).toEqual({
      upToDate: false,
      reason: "no record of what the last build was made from",
    });
    forgetBuild(project);
    expect(decideBuild(project, {}).decision).toMatchObject({ upToDate: false });
    fs.rmSync(path.join(project, ".next"), { recursive: true });
    expect(decideBuild(project, {}).decision).toEqual({ upToDate: false, reason: "no build yet" });
  });

  it("records tsconfig.json as the build left it, but an edit made during the build still counts", () => {
    const { stamp } = decideBuild(project, {});
    write("app/page.tsx", "export default function Page() { return 'edited while building'; }\n");
    write("tsconfig.json", '{ "include": [".next/types/**/*.ts"] }\n'); // what next build may write
    recordBuild(project, stamp);
    expect(decideBuild(project, {}).decision).toEqual({ upToDate: false, reason: "app/page.tsx changed" });
  });

  it("summarises many changes in one line", () => {
    const previous: BuildStamp = {
      nextVersion: "16",
      buildSettings: {},
      files: { a: "1", b: "1", c: "1", d: "1", e: "1" },
    };
    const current: BuildStamp = { ...previous, files: { a: "2", b: "2", c: "2", d: "2", e: "1", f: "1" } };
    expect(reasonToRebuild(previous, current)).toBe("a, b, c and 1 more changed; f added");
  });
});

describe("the project's own build inputs", () => {
  it("are the sources the build reads, quickly, and nothing under node_modules, .next or data", () => {
    const root = fileURLToPath(new URL("..", import.meta.url));
    const started = performance.now();
    const files = Object.keys(hashBuildInputs(root));
    const elapsed = performance.now() - started;
    expect(files).toContain("app/layout.tsx");
    expect(files).toContain("proxy.ts");
    expect(files).toContain("package-lock.json");
    expect(
      files.filter(
        (file) => /^(\.next|data|test-results)\/|(^|\/)node_modules\//.test(file) || file.endsWith(".test.ts"),
      ),
    ).toEqual([]);
    expect(elapsed).toBeLessThan(2_000); // a few milliseconds in practice; seconds would mean it walked node_modules
  });
});
