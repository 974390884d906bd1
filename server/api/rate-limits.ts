/**
 * How often a person may do what, and the process-wide counter. Reading
 * results is limited because asking for many slices one after another is how
 * a differencing attack is made; submitting, because a script hammering it is
 * never a person answering a form.
 */
import "server-only";
import { readConfig } from "../config";
import { getDb } from "../db";
import { DatabaseRateLimiter } from "../db/queries/rate-limit-buckets";
import { RateLimiter, type RateLimitPolicy, type RateLimits } from "../rate-limit/limiter";

export const RATE_LIMITS = {
  /** Reports, team views, the finder and the organisation view. */
  results: { name: "results", burst: 30, perMinute: 30 },
  /** Submitting or declining a request: nobody answers twenty forms a minute. */
  submit: { name: "submit", burst: 10, perMinute: 20 },
  /** The form saves its draft as people type. */
  drafts: { name: "drafts", burst: 30, perMinute: 120 },
  /** Sign-in links, per address: enough for a lost mail or two, not for flooding an inbox. */
  signInLinks: { name: "sign-in links", burst: 3, perMinute: 0.2 },
  /** Sign-in links asked from one network address, whatever the addresses. */
  signInLinksFromOneClient: { name: "sign-in links from one client", burst: 10, perMinute: 2 },
} satisfies Record<string, RateLimitPolicy>;

/** Thrown as the cause of a TOO_MANY_REQUESTS error; the handler turns it into Retry-After. */
export class RateLimited extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests in a short time. Try again in ${retryAfterSeconds} s.`);
    this.name = "RateLimited";
  }
}

const holder = globalThis as typeof globalThis & { __undercurrentLimiter?: RateLimits };

/**
 * The app's limits: in the PostgreSQL database, one budget for every app
 * server behind a balancer (so that "30 slices a minute" stays 30 however
 * many servers answer); in this process with the embedded database, which
 * only one server can open. Kept across hot reloads in development.
 */
export function appRateLimits(): RateLimits {
  holder.__undercurrentLimiter ??=
    readConfig().engine === "postgres" ? new DatabaseRateLimiter(getDb) : new RateLimiter();
  return holder.__undercurrentLimiter;
}
