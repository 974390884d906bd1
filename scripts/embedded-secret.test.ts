import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { embeddedDemoSecret, embeddedSecretPath } from "./embedded-secret";

let parent: string;

beforeEach(() => {
  parent = fs.mkdtempSync(path.join(os.tmpdir(), "uc-secret-"));
});

afterEach(() => {
  fs.rmSync(parent, { recursive: true, force: true });
});

describe("embeddedDemoSecret", () => {
  it("gives two data folders in one parent two different secrets", () => {
    const first = embeddedDemoSecret(path.join(parent, "pglite"));
    const second = embeddedDemoSecret(path.join(parent, "pglite-other"));
    expect(first).not.toBe(second);
    expect(fs.readdirSync(parent).sort()).toEqual(["pglite", "pglite-other"]); // nothing shared beside them
  });

  it("gives the same folder the same secret every time, so sessions survive a restart", () => {
    const dataDir = path.join(parent, "pglite");
    const secret = embeddedDemoSecret(dataDir);
    expect(secret.length).toBeGreaterThanOrEqual(43);
    expect(embeddedDemoSecret(dataDir)).toBe(secret);
  });

  it("keeps the secret inside the data folder, readable by its owner only", () => {
    const dataDir = path.join(parent, "nested", "pglite");
    const secret = embeddedDemoSecret(dataDir);
    const file = embeddedSecretPath(dataDir);
    expect(path.dirname(file)).toBe(dataDir);
    expect(fs.readFileSync(file, "utf8")).toBe(secret);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dataDir).mode & 0o077).toBe(0);
  });

  it("makes a new secret when the folder was deleted, or its secret cut short", () => {
    const dataDir = path.join(parent, "pglite");
    const before = embeddedDemoSecret(dataDir);
    fs.rmSync(dataDir, { recursive: true });
    const after = embeddedDemoSecret(dataDir);
    expect(after).not.toBe(before);
    fs.writeFileSync(embeddedSecretPath(dataDir), "short", { mode: 0o644 });
    const renewed = embeddedDemoSecret(dataDir);
    expect(renewed).not.toBe("short");
    expect(renewed.length).toBeGreaterThanOrEqual(43);
    expect(fs.statSync(embeddedSecretPath(dataDir)).mode & 0o777).toBe(0o600);
  });
});
