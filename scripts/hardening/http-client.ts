/**
 * A person's browser, reduced to what the hardening scripts need: cookies,
 * demo sign-in, and tRPC calls over HTTP as the app's own client makes them
 * (superjson envelopes, JSON writes, no foreign Origin). Every call has a
 * timeout and never throws for an HTTP or network failure: it says what came
 * back, so a caller can count it. Loopback addresses only.
 */

import { ANSWER_WITHIN_MS } from "../../trpc/fetch-with-timeout";

/** What one tRPC call came to. */
export type TrpcOutcome<T> =
  | { kind: "data"; status: number; data: T; ms: number }
  | {
      kind: "error";
      status: number;
      /** The tRPC code, e.g. CONFLICT, TOO_MANY_REQUESTS, INTERNAL_SERVER_ERROR. */
      code: string;
      message: string;
      /** From a 429's Retry-After header. */
      retryAfterSeconds: number | null;
      ms: number;
    }
  /** An answer that is not tRPC's JSON: an HTML error page, a proxy's text. */
  | { kind: "not-json"; status: number; contentType: string; bodyStart: string; ms: number }
  /** No answer: refused connection, reset, timeout. */
  | { kind: "network"; error: string; ms: number };

export interface RawAnswer {
  status: number;
  headers: Headers;
  body: string;
  ms: number;
}

export class NotLoopbackError extends Error {
  constructor(url: string) {
    super(`refusing ${url}: the hardening scripts only talk to this machine (localhost, 127.0.0.1, ::1)`);
    this.name = "NotLoopbackError";
  }
}

/** The load and attack scripts must never be pointed at somebody else's server. */
export function requireLoopback(url: string): URL {
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  if (!["localhost", "127.0.0.1", "::1"].includes(host) || !/^https?:$/.test(parsed.protocol))
    throw new NotLoopbackError(url);
  return parsed;
}

/** Name → value, as a browser keeps them for one site (paths and expiry ignored: one short run). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(";", 1);
      const at = pair!.indexOf("=");
      if (at <= 0) continue;
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      const expired = /;\s*max-age=0\b/i.test(line) || /;\s*expires=thu, 01 jan 1970/i.test(line);
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

export interface AppClientOptions {
  /** Per request; a request that takes longer counts as a network failure. */
  timeoutMs?: number;
}

export const SESSION_COOKIE = "next-auth.session-token";

export class AppClient {
  readonly base: URL;
  readonly jar = new CookieJar();
  private readonly timeoutMs: number;

  constructor(url: string, options: AppClientOptions = {}) {
    this.base = requireLoopback(url);
    this.timeoutMs = options.timeoutMs ?? ANSWER_WITHIN_MS;
  }

  /** Any request, with this person's cookies. Throws only for a network failure or timeout. */
  async request(
    path: string,
    init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ): Promise<RawAnswer> {
    const started = performance.now();
    const headers: Record<string, string> = { ...init.headers };
    const cookie = this.jar.header();
    if (cookie) headers.cookie = cookie;
    const response = await fetch(new URL(path, this.base), {
      method: init.method ?? "GET",
      headers,
      body: init.body,
      redirect: "manual",
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    this.jar.take(response.headers);
    const body = await response.text();
    return { status: response.status, headers: response.headers, body, ms: performance.now() - started };
  }

  get signedIn(): boolean {
    return this.jar.get(SESSION_COOKIE) !== undefined;
  }

  /** Demo sign-in as next-auth's credentials form does it. True when a session cookie came back. */
  async signInAsDemoPerson(personId: string): Promise<{ ok: boolean; status: number | "network"; detail: string }> {
    try {
      const csrf = await this.request("/api/auth/csrf");
      const token = csrf.status === 200 ? (JSON.parse(csrf.body) as { csrfToken?: string }).csrfToken : undefined;
      if (!token) return { ok: false, status: csrf.status, detail: `no CSRF token (${csrf.status})` };
      const answer = await this.request("/api/auth/callback/demo", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrfToken: token, personId, json: "true" }).toString(),
      });
      return { ok: this.signedIn, status: answer.status, detail: answer.body.slice(0, 200) };
    } catch (error) {
      return { ok: false, status: "network", detail: describeNetworkError(error) };
    }
  }

  /** A tRPC query: GET /api/trpc/<path>?input={"json": input}. */
  query<T>(path: string, input?: unknown): Promise<TrpcOutcome<T>> {
    const search = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
    return this.trpc<T>(`/api/trpc/${path}${search}`, { method: "GET" });
  }

  /** A tRPC mutation: POST {"json": input} as application/json. */
  mutate<T>(path: string, input: unknown): Promise<TrpcOutcome<T>> {
    return this.trpc<T>(`/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: input }),
    });
  }

  private async trpc<T>(
    path: string,
    init: { method: string; headers?: Record<string, string>; body?: string },
  ): Promise<TrpcOutcome<T>> {
    const started = performance.now();
    let answer: RawAnswer;
    try {
      answer = await this.request(path, init);
    } catch (error) {
      return { kind: "network", error: describeNetworkError(error), ms: performance.now() - started };
    }
    return readTrpcAnswer<T>(answer);
  }
}

/** Turns an HTTP answer into a tRPC outcome (pure: tested without a server). */
export function readTrpcAnswer<T>(answer: RawAnswer): TrpcOutcome<T> {
  const contentType = answer.headers.get("content-type") ?? "";
  let parsed: unknown;
  try {
    parsed = contentType.includes("json") ? JSON.parse(answer.body) : undefined;
  } catch {
    parsed = undefined;
  }
  const envelope = parsed as
    | {
        result?: { data?: { json?: T } };
        error?: { json?: { message?: string; code?: unknown; data?: { code?: string } }; message?: string };
      }
    | undefined;
  if (envelope?.result?.data && "json" in envelope.result.data) {
    return { kind: "data", status: answer.status, data: envelope.result.data.json as T, ms: answer.ms };
  }
  if (envelope?.error) {
    const body = envelope.error.json;
    const retryAfter = Number(answer.headers.get("retry-after"));
    return {
      kind: "error",
      status: answer.status,
      // The request guard answers {error: {message}} without a tRPC code.
      code:
        body?.data?.code ??
        (answer.status === 415
          ? "UNSUPPORTED_MEDIA_TYPE"
          : answer.status === 403
            ? "FORBIDDEN"
            : `HTTP_${answer.status}`),
      message: body?.message ?? envelope.error.message ?? "",
      retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
      ms: answer.ms,
    };
  }
  return { kind: "not-json", status: answer.status, contentType, bodyStart: answer.body.slice(0, 120), ms: answer.ms };
}

export function describeNetworkError(error: unknown): string {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === "TimeoutError" || err?.name === "AbortError") return "timeout";
  return err?.cause?.code ?? err?.cause?.message ?? err?.message ?? String(error);
}
