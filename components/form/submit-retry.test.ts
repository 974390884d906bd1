import { describe, expect, it } from "vitest";
import { backoffSeconds, retryDelaySeconds } from "./submit-retry";

const middle = () => 0.5;

describe("retryDelaySeconds", () => {
  it("retries when no answer came or the server failed, waiting longer each time up to half a minute", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 10].map((n) => retryDelaySeconds({ data: { httpStatus: 503 } }, n, middle))).toEqual([
      1, 2, 4, 8, 16, 30, 30, 30,
    ]);
    expect(retryDelaySeconds({}, 1, middle)).toBe(1);
    expect(retryDelaySeconds({ data: null }, 3, middle)).toBe(4);
    expect(retryDelaySeconds({ data: { httpStatus: 500, code: "INTERNAL_SERVER_ERROR" } }, 2, middle)).toBe(2);
  });

  it("spreads retries by up to a fifth either way", () => {
    expect(retryDelaySeconds({ data: { httpStatus: 503 } }, 5, () => 0)).toBe(13);
    expect(retryDelaySeconds({ data: { httpStatus: 503 } }, 5, () => 1)).toBe(19);
  });

  it("waits as long as a rate limit says", () => {
    expect(retryDelaySeconds({ data: { httpStatus: 429, code: "TOO_MANY_REQUESTS", retryAfterSeconds: 7 } }, 1)).toBe(
      7,
    );
  });

  it("does not retry what the server refused on purpose", () => {
    for (const [httpStatus, code] of [
      [400, "BAD_REQUEST"],
      [401, "UNAUTHORIZED"],
      [404, "NOT_FOUND"],
      [409, "CONFLICT"],
      [412, "PRECONDITION_FAILED"],
    ] as const) {
      expect(retryDelaySeconds({ data: { httpStatus, code } }, 1), code).toBeNull();
    }
  });
});

describe("backoffSeconds", () => {
  it("spreads raters who failed together", () => {
    let seed = 1;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const waits = Array.from({ length: 50 }, () => backoffSeconds(6, random));
    expect(new Set(waits).size).toBeGreaterThan(8);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(24);
    expect(Math.max(...waits)).toBeLessThanOrEqual(36);
  });
});
