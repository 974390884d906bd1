/**
 * Shutting down without dropping anything: on SIGTERM Next.js stops
 * accepting connections and lets requests in flight finish; this flag makes
 * requests that still arrive on open connections answer 503 with
 * Retry-After at once (the form retries, and a balancer sends the retry to
 * another server), and readiness say "not ready" so no new traffic comes.
 */

const holder = globalThis as typeof globalThis & { __undercurrentDraining?: boolean };

export function startDraining(): void {
  holder.__undercurrentDraining = true;
}

export function isDraining(): boolean {
  return holder.__undercurrentDraining === true;
}

/** The answer to a request that arrives while this server shuts down. */
export function drainingResponse(): Response {
  return Response.json(
    { error: { message: "This server is restarting. Try again in a moment." } },
    { status: 503, headers: { "Retry-After": "1", "Cache-Control": "no-store" } },
  );
}
