import { describe, expect, it } from "vitest";
import { RateLimiter, type RateLimitPolicy } from "./limiter";

const policy: RateLimitPolicy = { name: "results", burst: 3, perMinute: 6 }; // one token every 10 s

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("RateLimiter", () => {
  it("allows the burst, then refuses with the wait until the next request would pass", () => {
    const time = clock();
    const limiter = new RateLimiter(time.now);
    for (let i = 0; i < 3; i++) expect(limiter.take(policy, "hr")).toEqual({ allowed: true });
    expect(limiter.take(policy, "hr")).toEqual({ allowed: false, retryAfterSeconds: 10 });
    time.advance(4_000);
    expect(limiter.take(policy, "hr")).toEqual({ allowed: false, retryAfterSeconds: 6 });
    time.advance(6_000);
    expect(limiter.take(policy, "hr")).toEqual({ allowed: true });
    expect(limiter.take(policy, "hr").allowed).toBe(false);
  });

  it("keeps people, and kinds of request, apart", () => {
    const limiter = new RateLimiter(clock().now);
    for (let i = 0; i < 3; i++) limiter.take(policy, "hr");
    expect(limiter.take(policy, "hr").allowed).toBe(false);
    expect(limiter.take(policy, "manager").allowed).toBe(true);
    expect(limiter.take({ ...policy, name: "submit" }, "hr").allowed).toBe(true);
  });

  it("refills at the steady rate but never beyond the burst", () => {
    const time = clock();
    const limiter = new RateLimiter(time.now);
    limiter.take(policy, "hr");
    time.advance(60 * 60_000); // an hour of quiet earns no more than the burst
    const allowed = Array.from({ length: 5 }, () => limiter.take(policy, "hr").allowed);
    expect(allowed).toEqual([true, true, true, false, false]);
  });

  it("refused requests do not push the wait further out", () => {
    const time = clock();
    const limiter = new RateLimiter(time.now);
    for (let i = 0; i < 3; i++) limiter.take(policy, "hr");
    for (let i = 0; i < 50; i++) limiter.take(policy, "hr");
    time.advance(10_000);
    expect(limiter.take(policy, "hr").allowed).toBe(true);
  });
});
