import { describe, expect, it } from "vitest";
import { readOidcSettings } from "./oidc-config";

describe("single sign-on settings", () => {
  it("are off when none is set", () => {
    expect(readOidcSettings({})).toBeNull();
  });

  it("need all three of issuer, client id and secret, and say which are missing", () => {
    expect(() => readOidcSettings({ OIDC_ISSUER: "https://login.example.com" })).toThrow(
      "Single sign-on needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET as well (or none of the OIDC_ settings).",
    );
  });

  it("take an https issuer, or plain http on localhost only", () => {
    const base = { OIDC_CLIENT_ID: "app", OIDC_CLIENT_SECRET: "s3cret" };
    expect(readOidcSettings({ ...base, OIDC_ISSUER: "https://login.example.com/", OIDC_NAME: "Acme SSO" })).toEqual({
      issuer: "https://login.example.com",
      clientId: "app",
      clientSecret: "s3cret",
      name: "Acme SSO",
    });
    expect(readOidcSettings({ ...base, OIDC_ISSUER: "http://localhost:3101" })?.name).toBe("single sign-on");
    expect(() => readOidcSettings({ ...base, OIDC_ISSUER: "http://login.example.com" })).toThrow(/must use https/);
    expect(() => readOidcSettings({ ...base, OIDC_ISSUER: "login.example.com" })).toThrow(/must be the issuer's URL/);
  });
});
