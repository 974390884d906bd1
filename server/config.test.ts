import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, readConfig, requireAuthSecret, type AppConfig } from "./config";

type Vars = Record<string, string>;

/** readConfig is given its environment explicitly, so the test's own env never leaks in.
 *  (Next's types make NODE_ENV required in ProcessEnv; the real environment may lack it.) */
function read(vars: Vars): AppConfig {
  return readConfig(vars as unknown as NodeJS.ProcessEnv);
}

function configError(vars: Vars): ConfigError {
  let caught: unknown;
  try {
    read(vars);
  } catch (error) {
    caught = error;
  }
  expect(caught, `readConfig(${JSON.stringify(vars)}) should have thrown`).toBeInstanceOf(ConfigError);
  return caught as ConfigError;
}

const SECRET = "a-long-enough-random-secret-0123456789";

describe("readConfig: the database engine and demo sign-in", () => {
  it("uses the embedded PGlite with demo sign-in when nothing is set", () => {
    const config = read({});
    expect(config.engine).toBe("pglite");
    expect(config.databaseUrl).toBeUndefined();
    expect(config.demoSignIn).toBe(true);
    expect(config.pgliteDataDir).toBe(path.resolve("data/pglite"));
    expect(config.production).toBe(false);
  });

  it("treats an empty or blank DATABASE_URL as not set", () => {
    expect(read({ DATABASE_URL: "" }).engine).toBe("pglite");
    expect(read({ DATABASE_URL: "   " }).engine).toBe("pglite");
  });

  it("uses PostgreSQL for a postgres:// or postgresql:// URL, with demo sign-in off", () => {
    for (const url of ["postgres://user:pw@db.example:5432/undercurrent", "postgresql://db.example/undercurrent"]) {
      const config = read({ DATABASE_URL: url });
      expect(config.engine).toBe("postgres");
      expect(config.databaseUrl).toBe(url);
      expect(config.demoSignIn).toBe(false);
    }
  });

  it("turns demo sign-in on for PostgreSQL only when DEMO_SIGN_IN says so", () => {
    const url = "postgres://db.example/undercurrent";
    expect(read({ DATABASE_URL: url, DEMO_SIGN_IN: "1" }).demoSignIn).toBe(true);
    expect(read({ DATABASE_URL: url, DEMO_SIGN_IN: "true" }).demoSignIn).toBe(true);
    expect(read({ DATABASE_URL: url, DEMO_SIGN_IN: "0" }).demoSignIn).toBe(false);
    expect(read({ DATABASE_URL: url, DEMO_SIGN_IN: "" }).demoSignIn).toBe(false);
  });

  it("turns demo sign-in off on the embedded database with DEMO_SIGN_IN=0", () => {
    expect(read({ DEMO_SIGN_IN: "0" }).demoSignIn).toBe(false);
    expect(read({ DEMO_SIGN_IN: "false" }).demoSignIn).toBe(false);
    expect(read({ DEMO_SIGN_IN: "0" }).engine).toBe("pglite");
  });

  it("refuses a DEMO_SIGN_IN it cannot read, naming the setting", () => {
    const error = configError({ DEMO_SIGN_IN: "yes" });
    expect(error.setting).toBe("DEMO_SIGN_IN");
    expect(error.message).toBe("DEMO_SIGN_IN must be 1 or 0");
  });

  it("resolves PGLITE_DATA_DIR to an absolute folder", () => {
    expect(read({ PGLITE_DATA_DIR: "some/where" }).pgliteDataDir).toBe(path.resolve("some/where"));
  });
});

describe("readConfig: an invalid DATABASE_URL is one clear error naming the setting", () => {
  it.each(["mysql://x", "not a url", "postgres://", "http://db.example/undercurrent"])("refuses %j", (url) => {
    const error = configError({ DATABASE_URL: url });
    expect(error.setting).toBe("DATABASE_URL");
    expect(error.message.startsWith("DATABASE_URL ")).toBe(true);
    expect(error.message).toContain("must be a postgres:// or postgresql:// URL");
    expect(error.message).not.toContain("\n");
  });
});

describe("readConfig: how long sessions last", () => {
  it("lasts a working day, and an hour idle, when nothing is set", () => {
    expect(read({}).session).toEqual({ lifetimeSeconds: 8 * 60 * 60, idleSeconds: 60 * 60 });
    expect(read({ SESSION_MAX_AGE_HOURS: "", SESSION_IDLE_MINUTES: " " }).session).toEqual(read({}).session);
  });

  it("takes SESSION_MAX_AGE_HOURS and SESSION_IDLE_MINUTES", () => {
    expect(read({ SESSION_MAX_AGE_HOURS: "12", SESSION_IDLE_MINUTES: "30" }).session).toEqual({
      lifetimeSeconds: 12 * 60 * 60,
      idleSeconds: 30 * 60,
    });
  });

  it("refuses values it cannot use, naming the setting", () => {
    for (const value of ["0", "1.5", "eight", "-3", "169"]) {
      const error = configError({ SESSION_MAX_AGE_HOURS: value });
      expect(error.setting).toBe("SESSION_MAX_AGE_HOURS");
      expect(error.message).toBe("SESSION_MAX_AGE_HOURS must be a whole number of hours from 1 to 168");
    }
    // Below five minutes the once-a-minute refresh of "last seen" would sign out people who are active.
    expect(configError({ SESSION_IDLE_MINUTES: "2" }).message).toBe(
      "SESSION_IDLE_MINUTES must be a whole number of minutes from 5 to 1440",
    );
  });

  it("keeps idle connections open 5 s unless KEEP_ALIVE_TIMEOUT says otherwise, within bounds", () => {
    expect(read({}).keepAliveTimeoutMs).toBe(5000);
    expect(read({ KEEP_ALIVE_TIMEOUT: "65000" }).keepAliveTimeoutMs).toBe(65_000);
    expect(configError({ KEEP_ALIVE_TIMEOUT: "5s" }).message).toBe(
      "KEEP_ALIVE_TIMEOUT must be a whole number of milliseconds from 1000 to 600000",
    );
  });

  it("refuses an idle timeout longer than the whole session", () => {
    const error = configError({ SESSION_MAX_AGE_HOURS: "1", SESSION_IDLE_MINUTES: "90" });
    expect(error.setting).toBe("SESSION_IDLE_MINUTES");
  });
});

describe("the auth secret", () => {
  const production = (vars: Vars): AppConfig => read({ ...vars, NODE_ENV: "production" });

  it("is required in production: its absence is a ConfigError naming NEXTAUTH_SECRET", () => {
    let caught: unknown;
    try {
      requireAuthSecret(production({ DATABASE_URL: "postgres://db.example/undercurrent" }));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).setting).toBe("NEXTAUTH_SECRET");
    expect((caught as ConfigError).message).toMatch(/^NEXTAUTH_SECRET is required in production/);
  });

  it("is returned as given in production", () => {
    expect(requireAuthSecret(production({ NEXTAUTH_SECRET: SECRET }))).toBe(SECRET);
  });

  it("falls back to a development secret outside production only", () => {
    const secret = requireAuthSecret(read({}));
    expect(secret).toMatch(/not-for-production/);
    expect(() => requireAuthSecret(production({}))).toThrow(ConfigError);
  });

  it("refuses a secret shorter than 16 characters, naming NEXTAUTH_SECRET", () => {
    const error = configError({ NODE_ENV: "production", NEXTAUTH_SECRET: "too-short" });
    expect(error.setting).toBe("NEXTAUTH_SECRET");
    expect(error.message).toBe("NEXTAUTH_SECRET must be at least 16 characters");
    // Exactly 16 characters is enough.
    expect(requireAuthSecret(production({ NEXTAUTH_SECRET: "0123456789abcdef" }))).toBe("0123456789abcdef");
  });

  it("accepts AUTH_SECRET as an alias, and prefers NEXTAUTH_SECRET when both are set", () => {
    expect(requireAuthSecret(production({ AUTH_SECRET: SECRET }))).toBe(SECRET);
    expect(requireAuthSecret(production({ AUTH_SECRET: "the-alias-secret-is-long", NEXTAUTH_SECRET: SECRET }))).toBe(
      SECRET,
    );
    // The alias is held to the same length rule.
    expect(configError({ NODE_ENV: "production", AUTH_SECRET: "short" }).setting).toBe("NEXTAUTH_SECRET");
  });

  it("treats an empty NEXTAUTH_SECRET as not set, so AUTH_SECRET still counts", () => {
    expect(requireAuthSecret(production({ NEXTAUTH_SECRET: "", AUTH_SECRET: SECRET }))).toBe(SECRET);
  });
});

describe("readConfig: mail", () => {
  it("sends to the dev outbox with links to localhost when nothing is set", () => {
    const { mail } = read({});
    expect(mail.smtpUrl).toBeUndefined();
    expect(mail.appUrl).toBe("http://localhost:3000");
    expect(mail.from).toMatch(/<.+@.+>$/);
  });

  it("treats an empty SMTP_URL as not set", () => {
    expect(read({ SMTP_URL: "  " }).mail.smtpUrl).toBeUndefined();
  });

  it("uses the SMTP server and sender given", () => {
    const { mail } = read({
      SMTP_URL: "smtp://user:secret@mail.example.com:587",
      MAIL_FROM: "Undercurrent <feedback@example.com>",
      APP_URL: "https://feedback.example.com/",
    });
    expect(mail.smtpUrl).toBe("smtp://user:secret@mail.example.com:587");
    expect(mail.from).toBe("Undercurrent <feedback@example.com>");
    expect(mail.appUrl).toBe("https://feedback.example.com");
    expect(read({ SMTP_URL: "smtps://mail.example.com", MAIL_FROM: "feedback@example.com" }).mail.smtpUrl).toBe(
      "smtps://mail.example.com",
    );
  });

  it("links to where the app serves when APP_URL is not set: NEXTAUTH_URL, else this machine on PORT", () => {
    expect(read({ PORT: "4300" }).mail.appUrl).toBe("http://localhost:4300");
    expect(read({ PORT: "4300", NEXTAUTH_URL: "https://feedback.example.com/" }).mail.appUrl).toBe(
      "https://feedback.example.com",
    );
    // A PORT that is no port stops start-up, as it always did in the start script, rather than linking to 3000.
    expect(configError({ PORT: "not a port" }).message).toBe('PORT must be a port number, got "not a port"');
    expect(configError({ PORT: "70000" }).setting).toBe("PORT");
    expect(read({ APP_URL: "https://a.example.com", NEXTAUTH_URL: "https://b.example.com" }).mail.appUrl).toBe(
      "https://a.example.com",
    );
  });

  it("keeps a path in APP_URL, without its trailing slash", () => {
    expect(read({ APP_URL: "https://intranet.example.com/feedback/" }).mail.appUrl).toBe(
      "https://intranet.example.com/feedback",
    );
  });

  it.each([
    [{ SMTP_URL: "http://mail.example.com" }, "SMTP_URL", "SMTP_URL must be an smtp:// or smtps:// URL"],
    [{ SMTP_URL: "mail.example.com:587" }, "SMTP_URL", "SMTP_URL must be an smtp:// or smtps:// URL"],
    [{ MAIL_FROM: "undercurrent" }, "MAIL_FROM", "MAIL_FROM must be an address"],
    [{ MAIL_FROM: "Undercurrent <feedback>" }, "MAIL_FROM", "MAIL_FROM must be an address"],
    [{ APP_URL: "feedback.example.com" }, "APP_URL", "APP_URL must be the http:// or https:// address"],
    [{ APP_URL: "ftp://feedback.example.com" }, "APP_URL", "APP_URL must be the http:// or https:// address"],
  ])("refuses %j with one line naming %s", (vars, setting, start) => {
    const error = configError(vars);
    expect(error.setting).toBe(setting);
    expect(error.message.startsWith(start)).toBe(true);
    expect(error.message).not.toContain("\n");
  });

  it("never repeats the SMTP password in its error", () => {
    expect(configError({ SMTP_URL: "smtpx://user:hunter2-secret@mail.example.com" }).message).not.toContain("hunter2");
  });

  it("requires MAIL_FROM with SMTP_URL: many servers refuse an unknown sender", () => {
    const error = configError({ SMTP_URL: "smtp://mail.example.com" });
    expect(error.setting).toBe("MAIL_FROM");
    expect(error.message).toMatch(/^MAIL_FROM is required when SMTP_URL is set/);
  });

  it("requires APP_URL with SMTP_URL in production, so links in real mail do not point at localhost", () => {
    const vars = { SMTP_URL: "smtp://mail.example.com", MAIL_FROM: "feedback@example.com", NODE_ENV: "production" };
    const error = configError(vars);
    expect(error.setting).toBe("APP_URL");
    expect(error.message).toMatch(/^APP_URL is required when SMTP_URL is set in production/);
    expect(read({ ...vars, APP_URL: "https://feedback.example.com" }).mail.appUrl).toBe("https://feedback.example.com");
    // Outside production, or without SMTP, localhost is a fine default.
    expect(read({ ...vars, NODE_ENV: "development" }).mail.appUrl).toBe("http://localhost:3000");
    expect(read({ NODE_ENV: "production", NEXTAUTH_SECRET: SECRET }).mail.appUrl).toBe("http://localhost:3000");
  });
});

describe("readConfig: the app's own addresses and the reverse proxy", () => {
  it("trusts no forwarded header by default, and knows no address nobody configured", () => {
    expect(read({}).http).toEqual({ trustProxy: false, appOrigin: undefined, authOrigin: undefined });
    expect(read({ TRUST_PROXY: "" }).http.trustProxy).toBe(false);
    expect(read({ TRUST_PROXY: "0" }).http.trustProxy).toBe(false);
  });

  it("trusts the proxy's X-Forwarded-* headers with TRUST_PROXY=1", () => {
    expect(read({ TRUST_PROXY: "1" }).http.trustProxy).toBe(true);
    expect(read({ TRUST_PROXY: "true" }).http.trustProxy).toBe(true);
  });

  it("refuses a TRUST_PROXY it cannot read, naming the setting", () => {
    const error = configError({ TRUST_PROXY: "yes" });
    expect(error.setting).toBe("TRUST_PROXY");
    expect(error.message).toBe("TRUST_PROXY must be 1 or 0");
  });

  it("takes the origins of APP_URL and NEXTAUTH_URL, without their paths", () => {
    const { http } = read({
      APP_URL: "https://intranet.example.com/feedback/",
      NEXTAUTH_URL: "https://Feedback.example.com:443/api/auth",
    });
    expect(http.appOrigin).toBe("https://intranet.example.com");
    expect(http.authOrigin).toBe("https://feedback.example.com");
  });

  it("refuses a NEXTAUTH_URL that is not a web address, naming the setting", () => {
    const error = configError({ NEXTAUTH_URL: "feedback.example.com" });
    expect(error.setting).toBe("NEXTAUTH_URL");
    expect(error.message).toMatch(/^NEXTAUTH_URL must be the http:\/\/ or https:\/\/ address/);
  });
});
