/**
 * .env.example is where an operator starts: it must name every setting the
 * README documents, and as it is it must be a configuration the app accepts.
 */
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { readOidcSettings } from "./auth/oidc-config";
import { readConfig } from "./config";

const example = fs.readFileSync(new URL("../.env.example", import.meta.url), "utf8");
const readme = fs.readFileSync(new URL("../README.md", import.meta.url), "utf8");

const settings = Object.fromEntries(
  example
    .split("\n")
    .filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line))
    .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
);

describe(".env.example", () => {
  it("names every setting in the README's tables", () => {
    const documented = [...readme.matchAll(/^\| `([A-Z][A-Z0-9_]+)`/gm)].flatMap((m) => m[1]!.split(/`, `/));
    expect(documented.length).toBeGreaterThan(10);
    const missing = [...new Set(documented)].filter((name) => name !== "NODE_ENV" && !(name in settings));
    expect(missing).toEqual([]);
  });

  it("is, as it stands, a configuration the app accepts: the embedded demo", () => {
    const config = readConfig(settings);
    expect(config.engine).toBe("pglite");
    expect(config.mail.appUrl).toBe("http://localhost:3000");
    expect(readOidcSettings(settings)).toBeNull();
  });
});
