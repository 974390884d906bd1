/**
 * Rate limits kept in the database: two app servers (two limiters, each with
 * its own connection where the engine allows) spend from one budget, refill
 * by the database's clock, and never let through more than the burst however
 * many requests race.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RateLimiter, type RateLimitPolicy } from "@/server/rate-limit/limiter";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { queryRows } from "../rows";
import { DatabaseRateLimiter, forgetFullBuckets } from "./rate-limit-buckets";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});

const results: RateLimitPolicy = { name: "results", burst: 30, perMinute: 30 };
const server = () => new DatabaseRateLimiter(async () => database.db);

/** Moves a bucket's last request back in time, as if that many seconds had passed. */
async function wait(key: string, seconds: number) {
  await database.db.execute(
    sql`update rate_limit_buckets set at = at - ${seconds}::integer * interval '1 second' where bucket = ${`results|${key}`}`,
  );
}

describe("rate limits in the database", () => {
  it("are one budget across servers: the 31st read of a minute is refused whichever server answers", async () => {
    const [a, b] = [server(), server()];
    const decisions = [];
    for (let i = 0; i < results.burst; i++) decisions.push(await (i % 2 ? a : b).take(results, "person-1"));
    expect(decisions.every((d) => d.allowed)).toBe(true);
    expect(await a.take(results, "person-1")).toEqual({ allowed: false, retryAfterSeconds: 2 });
    expect(await b.take(results, "person-1")).toEqual({ allowed: false, retryAfterSeconds: 2 });
    // Someone else is not touched.
    expect(await a.take(results, "person-2")).toEqual({ allowed: true });
  });

  it("refill with time, at the policy's rate, as the in-process limiter does", async () => {
    const limiter = server();
    let now = 0;
    const local = new RateLimiter(() => now);
    for (let i = 0; i < results.burst; i++) {
      await limiter.take(results, "person-3");
      local.take(results, "person-3");
    }
    expect(await limiter.take(results, "person-3")).toEqual(local.take(results, "person-3"));
    await wait("person-3", 4);
    now += 4_000;
    // Four seconds at 30 a minute: two tokens, then refused again.
    for (let i = 0; i < 2; i++)
      expect(await limiter.take(results, "person-3")).toEqual(local.take(results, "person-3"));
    const refused = await limiter.take(results, "person-3");
    expect(refused.allowed).toBe(false);
    expect(local.take(results, "person-3").allowed).toBe(false);
  });

  it("let through no more than the burst when many requests race", async () => {
    const servers = [server(), server(), server()];
    const decisions = await Promise.all(
      Array.from({ length: 60 }, (_, i) => servers[i % 3]!.take(results, "person-4")),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(results.burst);
  });

  it("forget buckets an hour quiet, which are full again anyway", async () => {
    await server().take(results, "person-5");
    await wait("person-5", 3601);
    await forgetFullBuckets(database.db);
    const [row] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from rate_limit_buckets where bucket = ${"results|person-5"}`,
    );
    expect(Number(row!.n)).toBe(0);
  });
});
