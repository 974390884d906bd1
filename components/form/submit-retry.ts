/**
 * When a failed submit is worth trying again by itself, and after how long.
 * A refusal about the answers or the request (4xx) is final and shown as it
 * is; a server or database that did not answer (no answer, 5xx) is tried
 * again with growing waits, and a rate limit after the wait it names.
 */

export interface SubmitFailure {
  /** Absent when no answer arrived at all (offline, connection reset). */
  data?: { httpStatus?: number; code?: string; retryAfterSeconds?: number | null } | null;
}

const MAX_WAIT_SECONDS = 30;

/** Seconds to wait before attempt number `attempt` + 1 (attempt counts from 1), or null: do not retry. */
export function retryDelaySeconds(
  failure: SubmitFailure,
  attempt: number,
  random: () => number = Math.random,
): number | null {
  const status = failure.data?.httpStatus;
  if (failure.data?.code === "TOO_MANY_REQUESTS") return Math.max(1, failure.data.retryAfterSeconds ?? 5);
  const transient = !failure.data || status === undefined || status >= 500;
  return transient ? backoffSeconds(attempt, random) : null;
}

/** The wait before attempt `attempt` + 1: doubling from 1 s to half a minute.
 *  Also the schedule of the simulated raters in scripts/hardening/load.ts. */
export function backoffSeconds(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_WAIT_SECONDS, 2 ** Math.max(0, attempt - 1));
  // A little jitter, so that many raters cut off at once do not all come back in the same second.
  return Math.max(1, Math.round(base * (0.8 + 0.4 * random())));
}
