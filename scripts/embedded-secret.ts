/**
 * The embedded demo's signing secret, generated on first start and kept
 * inside the PGlite data folder it belongs to: sessions survive restarts
 * without anyone configuring a secret, two data folders never share one (so
 * neither accepts the other's session cookies), and deleting the folder
 * (`npm run db:reset`) ends its sessions along with its people.
 *
 * PostgreSQL leaves files it does not know at the top of its data folder
 * alone, and so does PGlite: start, stop and restart were checked with it there.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { AppConfig } from "../server/config";

/** 32 random bytes in base64url are 43 characters; anything shorter was cut off or written by hand. */
const SECRET_LENGTH = 43;

export function embeddedSecretPath(dataDir: string): string {
  return path.join(dataDir, "auth-secret");
}

function readSecret(file: string): string | undefined {
  try {
    const secret = fs.readFileSync(file, "utf8").trim();
    return secret.length >= SECRET_LENGTH ? secret : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** The folder's secret, made (readable by its owner only) when it has none yet. */
export function embeddedDemoSecret(dataDir: string): string {
  const file = embeddedSecretPath(dataDir);
  const existing = readSecret(file);
  if (existing) return existing;
  // A folder made here will hold everyone's answers too: private from the start.
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString("base64url");
  fs.writeFileSync(file, secret, { mode: 0o600 });
  fs.chmodSync(file, 0o600); // mode applies only to a new file; a truncated old one is made private too
  return secret;
}

/** The secret the app signs with: the configured one, else (the embedded database only) its folder's. */
export function appSecret(config: AppConfig): string | undefined {
  return config.authSecret ?? (config.databaseUrl ? undefined : embeddedDemoSecret(config.pgliteDataDir));
}
