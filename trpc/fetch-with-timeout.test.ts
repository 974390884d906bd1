import { describe, expect, it } from "vitest";
import { fetchWithTimeout, ServerSilentError } from "./fetch-with-timeout";

/** A fetch that answers after `ms`, or never, and stops when its signal says so. */
function slowFetch(ms: number | null, body = '{"ok":true}'): typeof fetch {
  return (_input, init) =>
    new Promise((resolve, reject) => {
      const timer =
        ms === null
          ? undefined
          : setTimeout(
              () => resolve(new Response(body, { status: 200, headers: { "content-type": "application/json" } })),
              ms,
            );
      init?.signal?.addEventListener("abort", () => {
        clearTimeout(timer);
        reject(init.signal!.reason);
      });
    });
}

describe("fetchWithTimeout", () => {
  it("passes an answer that arrives in time through whole", async () => {
    const response = await fetchWithTimeout(1000, slowFetch(5))("http://localhost/api");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    await expect(response.json()).resolves.toEqual({ ok: true });
  });

  it("gives up on a server that says nothing, with a sentence", async () => {
    const error = await fetchWithTimeout(30, slowFetch(null))("http://localhost/api").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerSilentError);
    expect((error as Error).message).toBe("The server did not answer within 1 s.");
    const later = await fetchWithTimeout(20_000, slowFetch(null))("http://localhost/api", {
      signal: AbortSignal.timeout(10),
    }).catch((e: unknown) => e);
    expect(later).not.toBeInstanceOf(ServerSilentError);
  });

  it("leaves a caller's own cancel as a cancel", async () => {
    const controller = new AbortController();
    const pending = fetchWithTimeout(1000, slowFetch(null))("http://localhost/api", { signal: controller.signal });
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ServerSilentError);
    expect((error as Error).name).toBe("AbortError");
  });
});
