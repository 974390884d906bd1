import { describe, expect, it } from "vitest";
import { decideAnonymousGroups, type GroupDecision } from "./anonymity";
import { createRng } from "./random";

const published = (decisions: GroupDecision[]) => decisions.filter((d) => d.published);

describe("which anonymous groups are published", () => {
  it("publishes the pooled group only from k raters, and otherwise stores its count as hidden", () => {
    expect(decideAnonymousGroups({ peers: 2, directReports: 0 }, 3)).toEqual([{ group: "others", n: 2, published: false }]);
    expect(decideAnonymousGroups({ peers: 3, directReports: 0 }, 3)).toEqual([{ group: "others", n: 3, published: true }]);
  });

  it("refuses the example of DESIGN.md: others from 4 and peers from 3 would reveal the one direct report", () => {
    const decisions = decideAnonymousGroups({ peers: 3, directReports: 1 }, 3);
    expect(published(decisions)).toEqual([{ group: "others", n: 4, published: true }]);
    expect(decisions.find((d) => d.group === "peer")).toEqual({ group: "peer", n: 3, published: false });
  });

  it("splits peers and direct reports when both stand on their own", () => {
    expect(published(decideAnonymousGroups({ peers: 4, directReports: 3 }, 3)).map((d) => d.group)).toEqual([
      "others", "peer", "direct_report",
    ]);
  });

  it("refuses a k below 3", () => {
    expect(() => decideAnonymousGroups({ peers: 5, directReports: 5 }, 2)).toThrow(RangeError);
  });

  it("never publishes a group below k, nor two nested groups that differ by 1 … k−1, for any counts", () => {
    const rng = createRng("anonymity-property");
    for (let i = 0; i < 20_000; i++) {
      const k = rng.int(3, 8);
      const counts = { peers: rng.int(0, 15), directReports: rng.int(0, 15) };
      const shown = published(decideAnonymousGroups(counts, k));
      for (const d of shown) expect(d.n).toBeGreaterThanOrEqual(k);
      const others = shown.find((d) => d.group === "others");
      for (const part of shown.filter((d) => d.group !== "others")) {
        const difference = others!.n - part.n;
        expect(difference === 0 || difference >= k, `${JSON.stringify(counts)} k=${k}`).toBe(true);
      }
    }
  });
});
