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

/** A URL with one of these schemes and a host; `plain` also refuses a query or fragment. */
function urlWith(protocols: string[], options: { plain?: boolean } = {}): (value: string) => boolean {
  return (value) => {
    try {
      const url = new URL(value);
      return (
        protocols.includes(url.protocol) && url.hostname.length > 0 && (!options.plain || (!url.search && !url.hash))
      );
    } catch {
      return false;
    }
  };
}

const isPostgresUrl = urlWith(["postgres:", "postgresql:"]);
const isSmtpUrl = urlWith(["smtp:", "smtps:"]);
const isWebUrl = urlWith(["http:", "https:"], { plain: true });

/** `feedback@example.com` or `Undercurrent <feedback@example.com>`. */
function isMailbox(value: string): boolean {
  return /^(?:[^<>@\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/.test(value);
}

/** A setting that may be left out or empty; when given, `isValid` must hold. */
function optionalSetting(isValid: (value: string) => boolean, message: string) {
  return z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || isValid(v), { message });
}

/** A whole number within bounds; left out or empty, the default. */
function wholeNumberSetting(min: number, max: number, fallback: number, unit: string) {
  return z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? Number(v) : fallback))
    .refine((n) => Number.isInteger(n) && n >= min && n <= max, {
      message: `must be a whole number of ${unit} from ${min} to ${max}`,
    });
}

const schema = z.object({
  DATABASE_URL: optionalSetting(
    isPostgresUrl,
    "must be a postgres:// or postgresql:// URL, e.g. postgres://user:password@host:5432/undercurrent",
  ),
  PGLITE_DATA_DIR: z.string().trim().min(1).default("data/pglite"),
  DEMO_SIGN_IN: flag,
  NEXTAUTH_SECRET: z.string().trim().min(16, { message: "must be at least 16 characters" }).optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  SMTP_URL: optionalSetting(
    isSmtpUrl,
    "must be an smtp:// or smtps:// URL, e.g. smtp://user:password@mail.example.com:587",
  ),
  MAIL_FROM: optionalSetting(
    isMailbox,
    "must be an address, or a name and an address, e.g. Undercurrent <feedback@example.com>",
  ),
  APP_URL: optionalSetting(
    isWebUrl,
    "must be the http:// or https:// address people open the app at, e.g. https://feedback.example.com",
  ),
  NEXTAUTH_URL: optionalSetting(
    isWebUrl,
    "must be the http:// or https:// address of the app, e.g. https://feedback.example.com",
  ),
  TRUST_PROXY: flag,
  // A working day: people sign in once in the morning, and a stolen cookie is
  // worthless by the evening whatever else happens.
  SESSION_MAX_AGE_HOURS: wholeNumberSetting(1, 168, 8, "hours"),
  // An hour (NIST SP 800-63B-4's inactivity limit at AAL2) leaves a rater time
  // to write a long comment; at least 5, well above the once-a-minute refresh.
  SESSION_IDLE_MINUTES: wholeNumberSetting(5, 1440, 60, "minutes"),
  // How long an idle connection stays open (Node's 5 s unless set); above a
  // load balancer's idle timeout, so that it never reuses one the app just closed.
  // The same setting as the standalone server's (the container image).
  KEEP_ALIVE_TIMEOUT: wholeNumberSetting(1000, 600_000, 5000, "milliseconds"),
  PORT: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || (/^\d{1,5}$/.test(v) && Number(v) >= 1 && Number(v) <= 65535), {
      error: (issue) => `must be a port number, got "${String(issue.input)}"`,
    })
    .transform((v) => (v ? Number(v) : 3000)),
});

/** Without SMTP the mail stays in the dev outbox, so any sender will do. */
const OUTBOX_SENDER = "Undercurrent <undercurrent@localhost>";

export interface MailConfig {
  /** undefined: no SMTP server, mail goes to the dev outbox (a table the app shows at /outbox). */
  smtpUrl: string | undefined;
  from: string;
  /** Where links in mails point, without a trailing slash. */
  appUrl: string;
}

/** Which addresses are the app's own, for refusing writes from other sites. */
export interface HttpConfig {
  /** TRUST_PROXY: X-Forwarded-Host, -Proto and -For are believed only when a reverse proxy of ours sets them. */
  trustProxy: boolean;
  /** APP_URL's origin, when it is set. */
  appOrigin: string | undefined;
  /** NEXTAUTH_URL's origin, when it is set. */
  authOrigin: string | undefined;
}

/** How long a sign-in lasts (ASVS v5 7.3): both limits are checked at every request. */
export interface SessionConfig {
  /** SESSION_MAX_AGE_HOURS: from sign-in, however active the person is. */
  lifetimeSeconds: number;
  /** SESSION_IDLE_MINUTES: since the session was last seen. */
  idleSeconds: number;
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
  /** The port this machine serves on (PORT, 3000 by default). */
  port: number;
  /** Milliseconds an idle connection stays open (KEEP_ALIVE_TIMEOUT). */
  keepAliveTimeoutMs: number;
  mail: MailConfig;
  http: HttpConfig;
  session: SessionConfig;
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
    SMTP_URL: env.SMTP_URL,
    MAIL_FROM: env.MAIL_FROM,
    APP_URL: env.APP_URL,
    NEXTAUTH_URL: env.NEXTAUTH_URL,
    TRUST_PROXY: env.TRUST_PROXY,
    SESSION_MAX_AGE_HOURS: env.SESSION_MAX_AGE_HOURS,
    SESSION_IDLE_MINUTES: env.SESSION_IDLE_MINUTES,
    KEEP_ALIVE_TIMEOUT: env.KEEP_ALIVE_TIMEOUT,
    PORT: env.PORT,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const setting = String(issue.path[0] ?? "configuration");
    const shown = setting === "DEMO_SIGN_IN" || setting === "TRUST_PROXY" ? "must be 1 or 0" : issue.message;
    throw new ConfigError(setting, shown);
  }
  const v = parsed.data;
  const engine = v.DATABASE_URL ? "postgres" : "pglite";
  if (v.SMTP_URL && !v.MAIL_FROM) {
    throw new ConfigError(
      "MAIL_FROM",
      "is required when SMTP_URL is set: the address mails come from, e.g. Undercurrent <feedback@example.com>",
    );
  }
  if (v.SESSION_IDLE_MINUTES > v.SESSION_MAX_AGE_HOURS * 60) {
    throw new ConfigError(
      "SESSION_IDLE_MINUTES",
      "must not be longer than SESSION_MAX_AGE_HOURS, the whole life of a session",
    );
  }
  // Real mail with links to localhost would reach people who cannot open them.
  if (v.SMTP_URL && !v.APP_URL && !v.NEXTAUTH_URL && v.NODE_ENV === "production") {
    throw new ConfigError(
      "APP_URL",
      "is required when SMTP_URL is set in production: the address people open the app at, for links in mails",
    );
  }
  return {
    engine,
    databaseUrl: v.DATABASE_URL,
    pgliteDataDir: path.resolve(v.PGLITE_DATA_DIR),
    demoSignIn: v.DEMO_SIGN_IN ?? engine === "pglite",
    authSecret: v.NEXTAUTH_SECRET,
    production: v.NODE_ENV === "production",
    port: v.PORT,
    keepAliveTimeoutMs: v.KEEP_ALIVE_TIMEOUT,
    mail: {
      smtpUrl: v.SMTP_URL,
      from: v.MAIL_FROM ?? OUTBOX_SENDER,
      // Where the app serves when nothing says otherwise: NEXTAUTH_URL, which
      // the start script sets from PORT, else this machine on PORT.
      appUrl: (v.APP_URL ?? v.NEXTAUTH_URL ?? `http://localhost:${v.PORT}`).replace(/\/+$/, ""),
    },
    http: {
      trustProxy: v.TRUST_PROXY ?? false,
      appOrigin: v.APP_URL ? new URL(v.APP_URL).origin : undefined,
      authOrigin: v.NEXTAUTH_URL ? new URL(v.NEXTAUTH_URL).origin : undefined,
    },
    session: {
      lifetimeSeconds: v.SESSION_MAX_AGE_HOURS * 60 * 60,
      idleSeconds: v.SESSION_IDLE_MINUTES * 60,
    },
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
