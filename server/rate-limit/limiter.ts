/**
 * Token buckets, one per person and kind of request: a burst is allowed, then
 * a steady rate. A plain object with an injectable clock, so that tests step
 * time instead of waiting. This one counts in its process, which is right
 * for the embedded database (one server by construction); with a PostgreSQL
 * server the buckets are kept in the database, one budget for every app
 * server (server/db/queries/rate-limit-buckets.ts), with the same arithmetic.
 */

export interface RateLimitPolicy {
  /** Names the bucket; also what the limit is for, in messages and logs. */
  name: string;
  /** How many requests may come at once after a quiet spell. */
  burst: number;
  /** The steady rate once the burst is spent. */
  perMinute: number;
}

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Where the buckets are kept: in this process, or in the database for one budget across servers. */
export interface RateLimits {
  take(policy: RateLimitPolicy, key: string): RateLimitDecision | Promise<RateLimitDecision>;
}

/** When an empty bucket (`tokens` < 1) holds a whole token again. */
export function secondsUntilToken(tokens: number, policy: RateLimitPolicy): number {
  const perMs = policy.perMinute / 60_000;
  return Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Above this many buckets, full ones (people who went quiet) are dropped. */
const SWEEP_ABOVE = 10_000;

export class RateLimiter implements RateLimits {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number = Date.now) {}

  take(policy: RateLimitPolicy, key: string): RateLimitDecision {
    const id = `${policy.name}\u0000${key}`;
    const now = this.now();
    const perMs = policy.perMinute / 60_000;
    const bucket = this.buckets.get(id) ?? { tokens: policy.burst, at: now };
    const tokens = Math.min(policy.burst, bucket.tokens + (now - bucket.at) * perMs);
    if (tokens >= 1) {
      this.buckets.set(id, { tokens: tokens - 1, at: now });
      if (this.buckets.size > SWEEP_ABOVE) this.sweep(policy, now);
      return { allowed: true };
    }
    this.buckets.set(id, { tokens, at: now });
    return { allowed: false, retryAfterSeconds: secondsUntilToken(tokens, policy) };
  }

  private sweep(policy: RateLimitPolicy, now: number) {
    const perMs = policy.perMinute / 60_000;
    for (const [id, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * perMs >= policy.burst) this.buckets.delete(id);
    }
  }
}
