import "server-only";
import { sql } from "drizzle-orm";
import {
  type RateLimitDecision,
  type RateLimitPolicy,
  type RateLimits,
  secondsUntilToken,
} from "../../rate-limit/limiter";
import type { Db } from "../engines";
import { queryRows } from "../rows";

/**
 * The rate limits' token buckets in the database, so that every app server
 * spends from one budget: a person refused by one server is refused by all.
 * One statement per request: the bucket is created full, or refilled by the
 * time since its last request (by the database's clock, so servers' clocks do
 * not matter) and spent if a whole token is there. The row lock of the upsert
 * keeps two servers from spending the same token. Same arithmetic as
 * server/rate-limit/limiter.ts.
 */
export class DatabaseRateLimiter implements RateLimits {
  private sweptAt = Date.now();

  constructor(private readonly database: () => Promise<Db>) {}

  async take(policy: RateLimitPolicy, key: string): Promise<RateLimitDecision> {
    // About hourly per server, buckets of people gone quiet are cleared.
    if (Date.now() - this.sweptAt > 60 * 60 * 1000) {
      this.sweptAt = Date.now();
      void this.database()
        .then(forgetFullBuckets)
        .catch(() => {});
    }
    const perSecond = policy.perMinute / 60;
    const refilled = sql`least(${policy.burst}::float8, b.tokens + extract(epoch from (clock_timestamp() - b.at)) * ${perSecond}::float8)`;
    const [row] = await queryRows<{ tokens: number; allowed: boolean }>(
      await this.database(),
      sql`insert into rate_limit_buckets as b (bucket, tokens, at, allowed)
          values (${`${policy.name}|${key}`}, ${policy.burst - 1}::float8, clock_timestamp(), true)
          on conflict (bucket) do update set
            tokens = case when ${refilled} >= 1 then ${refilled} - 1 else ${refilled} end,
            allowed = ${refilled} >= 1,
            at = clock_timestamp()
          returning tokens, allowed`,
    );
    if (row!.allowed) return { allowed: true };
    return { allowed: false, retryAfterSeconds: secondsUntilToken(Number(row!.tokens), policy) };
  }
}

/** Buckets untouched for an hour are full again whatever their policy: they can go. */
export async function forgetFullBuckets(db: Db): Promise<void> {
  await db.execute(sql`delete from rate_limit_buckets where at < now() - interval '1 hour'`);
}
