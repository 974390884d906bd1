import { describe, expect, it } from "vitest";
import { CookieJar, NotLoopbackError, readTrpcAnswer, requireLoopback } from "./http-client";

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers: new Headers({ "content-type": "application/json", ...headers }),
  body: JSON.stringify(body),
  ms: 5,
});

describe("requireLoopback", () => {
  it("accepts this machine only", () => {
    for (const url of ["http://localhost:3000", "http://127.0.0.1:41234/x", "http://[::1]:3000"])
      expect(() => requireLoopback(url)).not.toThrow();
    for (const url of ["http://example.com", "http://10.0.0.2:3000", "http://127.0.0.1.nip.io", "file:///etc/passwd"]) {
      expect(() => requireLoopback(url)).toThrow(NotLoopbackError);
    }
  });
});

describe("CookieJar", () => {
  it("keeps cookies by name and forgets expired ones", () => {
    const jar = new CookieJar();
    const headers = new Headers();
    headers.append("set-cookie", "next-auth.csrf-token=abc%7Cdef; Path=/; HttpOnly; SameSite=Lax");
    headers.append("set-cookie", "next-auth.session-token=jwt.value; Path=/; HttpOnly");
    jar.take(headers);
    expect(jar.header()).toBe("next-auth.csrf-token=abc%7Cdef; next-auth.session-token=jwt.value");
    const expiring = new Headers();
    expiring.append("set-cookie", "next-auth.session-token=; Path=/; Max-Age=0");
    jar.take(expiring);
    expect(jar.get("next-auth.session-token")).toBeUndefined();
  });
});

describe("readTrpcAnswer", () => {
  it("unwraps superjson data", () => {
    expect(readTrpcAnswer(json(200, { result: { data: { json: { submitted: true } } } }))).toEqual({
      kind: "data",
      status: 200,
      data: { submitted: true },
      ms: 5,
    });
  });

  it("reads a tRPC error with its code and a 429's Retry-After", () => {
    const answer = json(
      429,
      { error: { json: { message: "Too many", code: -32029, data: { code: "TOO_MANY_REQUESTS", httpStatus: 429 } } } },
      { "retry-after": "7" },
    );
    expect(readTrpcAnswer(answer)).toMatchObject({
      kind: "error",
      status: 429,
      code: "TOO_MANY_REQUESTS",
      retryAfterSeconds: 7,
    });
  });

  it("reads the request guard's refusal, which has no tRPC code", () => {
    expect(readTrpcAnswer(json(415, { error: { message: "Changes are accepted only as JSON" } }))).toMatchObject({
      kind: "error",
      code: "UNSUPPORTED_MEDIA_TYPE",
    });
  });

  it("tells an HTML page from JSON", () => {
    const page = {
      status: 500,
      headers: new Headers({ "content-type": "text/html" }),
      body: "<!DOCTYPE html><html>",
      ms: 5,
    };
    expect(readTrpcAnswer(page)).toMatchObject({ kind: "not-json", status: 500, contentType: "text/html" });
  });
});
