import { describe, expect, it } from "vitest";
import { containerSettings, ContainerSettingsError } from "./settings";

const SECRET = "a-long-enough-random-secret-0123456789";
const DATABASE_URL = "postgres://undercurrent:pw@db:5432/undercurrent";

function refusal(env: Record<string, string>): string {
  let caught: unknown;
  try {
    containerSettings(env);
  } catch (error) {
    caught = error;
  }
  expect(caught, `containerSettings(${JSON.stringify(env)}) should have refused`).toBeInstanceOf(
    ContainerSettingsError,
  );
  return (caught as Error).message;
}

describe("containerSettings: what the image needs before it opens anything", () => {
  it("takes a PostgreSQL server, a secret and the defaults npm start would use", () => {
    expect(containerSettings({ NODE_ENV: "production", DATABASE_URL, NEXTAUTH_SECRET: SECRET })).toEqual({
      databaseUrl: DATABASE_URL,
      port: 3000,
      authUrl: "http://localhost:3000",
      demoSignIn: false,
    });
  });

  it("keeps NEXTAUTH_URL and PORT when given", () => {
    const settings = containerSettings({
      DATABASE_URL,
      NEXTAUTH_SECRET: SECRET,
      NEXTAUTH_URL: "https://feedback.example.com",
      PORT: "8080",
    });
    expect(settings.port).toBe(8080);
    expect(settings.authUrl).toBe("https://feedback.example.com");
  });

  it("refuses to start without DATABASE_URL: the image has no embedded database", () => {
    expect(refusal({ NODE_ENV: "production", NEXTAUTH_SECRET: SECRET })).toMatch(
      /^DATABASE_URL must be set in the container/,
    );
  });

  it("refuses a DATABASE_URL that is not a postgres URL, naming the setting", () => {
    expect(refusal({ DATABASE_URL: "mysql://db/undercurrent", NEXTAUTH_SECRET: SECRET })).toMatch(
      /^DATABASE_URL must be a postgres/,
    );
  });

  it("refuses to start without NEXTAUTH_SECRET, even when NODE_ENV is not production", () => {
    expect(refusal({ NODE_ENV: "production", DATABASE_URL })).toMatch(/^NEXTAUTH_SECRET is required/);
    expect(refusal({ NODE_ENV: "development", DATABASE_URL })).toMatch(/^NEXTAUTH_SECRET is required/);
  });

  it("refuses half a single sign-on configuration", () => {
    expect(refusal({ DATABASE_URL, NEXTAUTH_SECRET: SECRET, OIDC_ISSUER: "https://id.example.com" })).toMatch(
      /OIDC_CLIENT_ID and OIDC_CLIENT_SECRET/,
    );
  });

  it("refuses a PORT that is not a port number", () => {
    expect(refusal({ DATABASE_URL, NEXTAUTH_SECRET: SECRET, PORT: "http" })).toBe(
      'PORT must be a port number, got "http"',
    );
    expect(refusal({ DATABASE_URL, NEXTAUTH_SECRET: SECRET, PORT: "70000" })).toMatch(/^PORT must be a port number/);
  });
});
