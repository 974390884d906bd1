import { describe, expect, it } from "vitest";
import { describeTally, formatSummary, percentile, summariseLatencies } from "./figures";

describe("percentile", () => {
  it("takes the nearest rank", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile(values, 0)).toBe(1);
  });

  it("of one value is that value, of none is NaN", () => {
    expect(percentile([42], 99)).toBe(42);
    expect(percentile([], 50)).toBeNaN();
  });

  it("summarises unsorted latencies", () => {
    expect(summariseLatencies([30, 10, 20, 40])).toEqual({ count: 4, p50: 20, p95: 40, p99: 40, max: 40 });
  });
});

describe("the summary", () => {
  it("names the largest kinds first and counts the rest", () => {
    expect(describeTally({})).toBe("none");
    expect(describeTally({ "503": 2, network: 5 })).toBe("network ×5, 503 ×2");
    expect(describeTally({ a: 3, b: 2, c: 1 }, 1)).toBe("a ×3, 3 more of 2 other kinds");
  });

  it("is a Markdown table with a check column", () => {
    const table = formatSummary([
      { step: "load", what: "acknowledged", value: "12" },
      { step: "load", what: "stored", value: "12 of 12", ok: true },
      { step: "load", what: "no duplicates", value: "1 extra", ok: false },
    ]);
    const lines = table.split("\n");
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^\| step +\| what +\| value +\| check +\|$/);
    expect(lines[3]).toContain("| ok ");
    expect(lines[4]).toContain("| FAILED |");
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });
});
