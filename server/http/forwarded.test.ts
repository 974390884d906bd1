import { describe, expect, it } from "vitest";
import { addressedOrigin, clientAddress, originOf, requestIdOf, servedOverHttps } from "./forwarded";

const url = new URL("http://localhost:3000/report");

describe("forwarded headers", () => {
  const forged = new Headers({
    host: "localhost:3000",
    "x-forwarded-host": "evil.example",
    "x-forwarded-proto": "https",
    "x-forwarded-for": "203.0.113.9",
  });

  it("are ignored without a trusted proxy: the Host header, no https, no client address", () => {
    expect(addressedOrigin(forged, url, false)).toBe("http://localhost:3000");
    expect(servedOverHttps(forged, new URL("https://localhost:3000/"), false)).toBe(false);
    expect(clientAddress(forged, false)).toBeUndefined();
  });

  it("are believed from a trusted proxy", () => {
    expect(addressedOrigin(forged, url, true)).toBe("https://evil.example");
    expect(servedOverHttps(forged, url, true)).toBe(true);
    expect(clientAddress(forged, true)).toBe("203.0.113.9");
  });

  it("count only the entry the trusted proxy appended, the right-most", () => {
    const appended = new Headers({
      host: "app:3000",
      "x-forwarded-host": "evil.example, feedback.example.com",
      "x-forwarded-proto": "http,https",
      "x-forwarded-for": "198.51.100.1, 203.0.113.9",
    });
    expect(addressedOrigin(appended, url, true)).toBe("https://feedback.example.com");
    expect(clientAddress(appended, true)).toBe("203.0.113.9");
    expect(clientAddress(new Headers({ "x-forwarded-for": " , " }), true)).toBeUndefined();
  });

  it("behind a trusted proxy that sends none, fall back to the Host header and the URL", () => {
    const plain = new Headers({ host: "app.internal:3000" });
    expect(addressedOrigin(plain, url, true)).toBe("http://app.internal:3000");
    expect(servedOverHttps(plain, url, true)).toBe(false);
    expect(servedOverHttps(plain, new URL("https://app.internal/"), true)).toBe(true);
    expect(clientAddress(plain, true)).toBeUndefined();
  });
});

describe("originOf", () => {
  it("normalises case and default ports, and refuses what is not a plain host", () => {
    expect(originOf("https", "Feedback.Example.com:443")).toBe("https://feedback.example.com");
    expect(originOf("http", "[::1]:3000")).toBe("http://[::1]:3000");
    expect(originOf("https", "user@evil.example")).toBeUndefined();
    expect(originOf("https", "evil.example/path")).toBeUndefined();
    expect(originOf("ftp", "example.com")).toBeUndefined();
    expect(originOf("http", "")).toBeUndefined();
  });
});

describe("request ids", () => {
  const headers = (id?: string) => new Headers(id === undefined ? {} : { "x-request-id": id });
  it("are the trusted proxy's when it sends a sane one, else new", () => {
    expect(requestIdOf(headers("lb-7f3a"), true, () => "new")).toBe("lb-7f3a");
    expect(requestIdOf(headers("lb-7f3a"), false, () => "new")).toBe("new");
    expect(requestIdOf(headers('x" forged {"user":1}'), true, () => "new")).toBe("new");
    expect(requestIdOf(headers(), true, () => "new")).toBe("new");
    expect(requestIdOf(headers(), false)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
