/**
 * A fetch for the API that gives up when the server says nothing for too
 * long. When the database restarts, a request can hang until the server's
 * own connection attempts give up; without a limit the feedback form would
 * say "Submitting…" for minutes. With it, the request fails like any other
 * answer that did not arrive, and the form's automatic retry takes over
 * (a submit that did land meanwhile is recognised on the retry).
 *
 * The body is read inside the limit too, so the whole exchange is bounded
 * and the caller gets one clear error. Only for answers that arrive whole:
 * a streamed one (publishing's progress) must not pass through here.
 */

/** Longer than any read or rater's write takes, far shorter than a hung request.
 *  The simulated raters of scripts/hardening wait as long. */
export const ANSWER_WITHIN_MS = 20_000;

export class ServerSilentError extends Error {
  constructor(readonly seconds: number) {
    super(`The server did not answer within ${seconds} s.`);
    this.name = "ServerSilentError";
  }
}

export function fetchWithTimeout(
  timeoutMs: number,
  base: typeof fetch = (input, init) => fetch(input, init),
): typeof fetch {
  return async (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      const response = await base(input, { ...init, signal });
      const body = await response.arrayBuffer();
      return new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } catch (error) {
      if (timeout.aborted && !init?.signal?.aborted)
        throw new ServerSilentError(Math.max(1, Math.round(timeoutMs / 1000)));
      throw error;
    }
  };
}
