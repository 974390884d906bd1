import { describe, expect, it } from "vitest";
import type { HttpConfig } from "../config";
import { refuseUnsafeWrite as refuseWith } from "./request-guard";

const URL_ = "http://localhost:3000/api/trpc/inbox.submit";

/** What `npm start` runs with when nothing is configured: NEXTAUTH_URL is its default, no APP_URL, no proxy. */
const DEFAULTS: HttpConfig = { trustProxy: false, appOrigin: undefined, authOrigin: "http://localhost:3000" };
const BEHIND_PROXY: HttpConfig = { ...DEFAULTS, trustProxy: true };

function refuseUnsafeWrite(request: Request, settings: HttpConfig = DEFAULTS) {
  return refuseWith(request, settings);
}

function post(headers: Record<string, string>, url = URL_) {
  return new Request(url, { method: "POST", headers: { host: "localhost:3000", ...headers }, body: "{}" });
}

describe("refuseUnsafeWrite", () => {
  it("lets reads through whatever they carry", () => {
    expect(refuseUnsafeWrite(new Request(URL_, { headers: { origin: "https://evil.example" } }))).toBeNull();
  });

  it("accepts JSON from the app's own pages, and from clients that send no Origin", () => {
    expect(refuseUnsafeWrite(post({ "content-type": "application/json", origin: "http://localhost:3000" }))).toBeNull();
    expect(refuseUnsafeWrite(post({ "content-type": "application/json; charset=utf-8" }))).toBeNull();
    expect(refuseUnsafeWrite(post({ "content-type": "application/json", "sec-fetch-site": "same-origin" }))).toBeNull();
  });

  it("refuses what a foreign form or a no-preflight fetch can send", () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""]) {
      const headers: Record<string, string> = type ? { "content-type": type } : {};
      expect(refuseUnsafeWrite(post(headers)), type || "no content type").toMatchObject({ status: 415 });
    }
  });

  it("refuses JSON from another origin, or marked cross-site", () => {
    expect(
      refuseUnsafeWrite(post({ "content-type": "application/json", origin: "https://evil.example" })),
    ).toMatchObject({ status: 403 });
    expect(
      refuseUnsafeWrite(post({ "content-type": "application/json", origin: "http://localhost:3001" })),
    ).toMatchObject({ status: 403 });
    expect(refuseUnsafeWrite(post({ "content-type": "application/json", origin: "null" }))).toMatchObject({
      status: 403,
    });
    expect(
      refuseUnsafeWrite(post({ "content-type": "application/json", "sec-fetch-site": "cross-site" })),
    ).toMatchObject({ status: 403 });
  });

  it("knows its own origin behind a reverse proxy it trusts (TRUST_PROXY=1)", () => {
    const request = post({
      "content-type": "application/json",
      origin: "https://feedback.example.com",
      "x-forwarded-host": "feedback.example.com",
      "x-forwarded-proto": "https",
    });
    expect(refuseUnsafeWrite(request, BEHIND_PROXY)).toBeNull();
  });
});

describe("refuseUnsafeWrite: forwarded headers count only from a trusted proxy", () => {
  const json = { "content-type": "application/json" };
  const forgedFor = (origin: string) => {
    const { host, protocol } = new URL(origin);
    return { ...json, origin, "x-forwarded-host": host, "x-forwarded-proto": protocol.replace(":", "") };
  };

  it("refuses a foreign Origin with a matching X-Forwarded-Host when no proxy is trusted", () => {
    expect(refuseUnsafeWrite(post(forgedFor("https://evil.example")))).toMatchObject({ status: 403 });
    expect(refuseUnsafeWrite(post(forgedFor("http://evil.example:3000")))).toMatchObject({ status: 403 });
    const withAppUrl: HttpConfig = { ...DEFAULTS, appOrigin: "https://feedback.example.com" };
    expect(refuseUnsafeWrite(post(forgedFor("https://evil.example")), withAppUrl)).toMatchObject({ status: 403 });
  });

  it("behind a trusted proxy believes only the entry the proxy added, the right-most", () => {
    // The client sent its own X-Forwarded-Host; the proxy appended the real one.
    const appended = post({
      ...json,
      origin: "https://evil.example",
      "x-forwarded-host": "evil.example, feedback.example.com",
      "x-forwarded-proto": "https",
    });
    expect(refuseUnsafeWrite(appended, BEHIND_PROXY)).toMatchObject({ status: 403 });
    const own = post({
      ...json,
      origin: "https://feedback.example.com",
      "x-forwarded-host": "evil.example, feedback.example.com",
      "x-forwarded-proto": "http, https",
    });
    expect(refuseUnsafeWrite(own, BEHIND_PROXY)).toBeNull();
  });

  it("accepts the Origin of APP_URL, which a proxy that is not trusted passes through unchanged", () => {
    const settings: HttpConfig = { ...DEFAULTS, appOrigin: "https://feedback.example.com" };
    const behindProxy = post(
      { ...json, origin: "https://feedback.example.com" },
      "http://localhost:3000/api/trpc/inbox.submit",
    );
    expect(refuseUnsafeWrite(behindProxy, settings)).toBeNull();
    // Default ports and letter case do not matter; a different port or scheme does.
    expect(refuseUnsafeWrite(post({ ...json, origin: "https://Feedback.Example.com:443" }), settings)).toBeNull();
    expect(refuseUnsafeWrite(post({ ...json, origin: "http://feedback.example.com" }), settings)).toMatchObject({
      status: 403,
    });
    expect(refuseUnsafeWrite(post({ ...json, origin: "https://feedback.example.com:8443" }), settings)).toMatchObject({
      status: 403,
    });
  });

  it("with APP_URL set, the Host header alone no longer vouches for an Origin", () => {
    const settings: HttpConfig = {
      trustProxy: false,
      appOrigin: "https://feedback.example.com",
      authOrigin: undefined,
    };
    const request = post({ ...json, origin: "http://other.example", host: "other.example" });
    expect(refuseUnsafeWrite(request, settings)).toMatchObject({ status: 403 });
  });

  it("without APP_URL, falls back to the Host the browser addressed, and to NEXTAUTH_URL", () => {
    const nothingSet: HttpConfig = { trustProxy: false, appOrigin: undefined, authOrigin: undefined };
    const lan = post({ ...json, origin: "http://192.168.1.20:3000", host: "192.168.1.20:3000" });
    expect(refuseUnsafeWrite(lan, nothingSet)).toBeNull();
    const viaAuthUrl = post({ ...json, origin: "https://sso.example.com" });
    expect(refuseUnsafeWrite(viaAuthUrl, { ...nothingSet, authOrigin: "https://sso.example.com" })).toBeNull();
    expect(refuseUnsafeWrite(viaAuthUrl, nothingSet)).toMatchObject({ status: 403 });
  });

  it("refuses an Origin or a host that is not a plain origin", () => {
    const nothingSet: HttpConfig = { trustProxy: false, appOrigin: undefined, authOrigin: undefined };
    expect(refuseUnsafeWrite(post({ ...json, origin: "http://localhost:3000/path" }), nothingSet)).toMatchObject({
      status: 403,
    });
    expect(refuseUnsafeWrite(post({ ...json, origin: "javascript:alert(1)" }), nothingSet)).toMatchObject({
      status: 403,
    });
    const userinfo = post({ ...json, origin: "http://evil.example", host: "x@evil.example" });
    expect(refuseUnsafeWrite(userinfo, nothingSet)).toMatchObject({ status: 403 });
  });
});
