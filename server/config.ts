/**
 * Settings, read and checked once. Defaults make the embedded demo work with
 * nothing configured; a production deployment gets one clear line naming the
 * setting that is wrong. No `server-only` here: the start script reads it too.
 */
import path from "node:path";
import { z } from "zod";

const flag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((v) => (v === undefined || v === "" ? undefined : v === "1" || v === "true"));

const schema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || isPostgresUrl(v), {
      message: "must be a postgres:// or postgresql:// URL, e.g. postgres://user:password@host:5432/undercurrent",
    }),
  PGLITE_DATA_DIR: z.string().trim().min(1).default("data/pglite"),
  DEMO_SIGN_IN: flag,
  NEXTAUTH_SECRET: z.string().trim().min(16, { message: "must be at least 16 characters" }).optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}

export interface AppConfig {
  /** 'postgres' when DATABASE_URL names a server, else the embedded PGlite. */
  engine: "pglite" | "postgres";
  databaseUrl: string | undefined;
  pgliteDataDir: string;
  /** The person picker: on by default with the embedded database only. */
  demoSignIn: boolean;
  authSecret: string | undefined;
  production: boolean;
}

export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    detail: string,
  ) {
    super(`${setting} ${detail}`);
    this.name = "ConfigError";
  }
}

export function readConfig(env: Readonly<Record<string, string | undefined>> = process.env): AppConfig {
  const parsed = schema.safeParse({
    DATABASE_URL: env.DATABASE_URL,
    PGLITE_DATA_DIR: env.PGLITE_DATA_DIR || undefined,
    DEMO_SIGN_IN: env.DEMO_SIGN_IN,
    NEXTAUTH_SECRET: env.NEXTAUTH_SECRET || env.AUTH_SECRET || undefined,
    NODE_ENV: env.NODE_ENV || undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const setting = String(issue.path[0] ?? "configuration");
    const shown = setting === "DEMO_SIGN_IN" ? "must be 1 or 0" : issue.message;
    throw new ConfigError(setting, shown);
  }
  const v = parsed.data;
  const engine = v.DATABASE_URL ? "postgres" : "pglite";
  return {
    engine,
    databaseUrl: v.DATABASE_URL,
    pgliteDataDir: path.resolve(v.PGLITE_DATA_DIR),
    demoSignIn: v.DEMO_SIGN_IN ?? engine === "pglite",
    authSecret: v.NEXTAUTH_SECRET,
    production: v.NODE_ENV === "production",
  };
}

/** The secret is required in production, except for the embedded demo, whose
 *  start script generates one and keeps it beside the data. */
export function requireAuthSecret(config: AppConfig): string {
  if (config.authSecret) return config.authSecret;
  if (!config.production) return "undercurrent-development-secret-not-for-production";
  throw new ConfigError(
    "NEXTAUTH_SECRET",
    "is required in production: set it to a long random string (e.g. `openssl rand -base64 32`)",
  );
}
