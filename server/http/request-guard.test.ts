import { describe, expect, it } from "vitest";
import { refuseUnsafeWrite } from "./request-guard";

const URL_ = "http://localhost:3000/api/trpc/inbox.submit";

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
    expect(refuseUnsafeWrite(post({ "content-type": "application/json", origin: "https://evil.example" }))).toMatchObject({ status: 403 });
    expect(refuseUnsafeWrite(post({ "content-type": "application/json", origin: "http://localhost:3001" }))).toMatchObject({ status: 403 });
    expect(refuseUnsafeWrite(post({ "content-type": "application/json", origin: "null" }))).toMatchObject({ status: 403 });
    expect(refuseUnsafeWrite(post({ "content-type": "application/json", "sec-fetch-site": "cross-site" }))).toMatchObject({ status: 403 });
  });

  it("knows its own origin behind a reverse proxy", () => {
    const request = post({
      "content-type": "application/json",
      origin: "https://feedback.example.com",
      "x-forwarded-host": "feedback.example.com",
      "x-forwarded-proto": "https",
    });
    expect(refuseUnsafeWrite(request)).toBeNull();
  });
});
