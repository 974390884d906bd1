import { describe, expect, it } from "vitest";
import { describeMemberState, describePeerProgress } from "./peer-progress";

describe("describePeerProgress", () => {
  it("says how many are chosen against the limits, and what to do next", () => {
    expect(describePeerProgress({ chosen: 2, minPeers: 3, maxPeers: 8 })).toEqual({
      summary: "2 of at least 3 (max 8)",
      advice: "Choose 1 more.",
      full: false,
      enough: false,
    });
    expect(describePeerProgress({ chosen: 3, minPeers: 3, maxPeers: 8 })).toMatchObject({
      summary: "3 of at least 3 (max 8)",
      advice: "That is enough. You can add up to 5 more.",
      enough: true,
      full: false,
    });
    expect(describePeerProgress({ chosen: 8, minPeers: 3, maxPeers: 8 })).toMatchObject({ full: true, enough: true });
  });

  it("speaks to the manager about their report", () => {
    expect(describePeerProgress({ chosen: 1, minPeers: 3, maxPeers: 8, perspective: "manager" }).advice).toBe(
      "2 more peers needed.",
    );
    expect(describePeerProgress({ chosen: 8, minPeers: 3, maxPeers: 8, perspective: "manager" }).advice).toMatch(
      /^They have the most/,
    );
  });

  it("drops 'at least' when a cycle needs no minimum", () => {
    expect(describePeerProgress({ chosen: 0, minPeers: 0, maxPeers: 4 })).toMatchObject({
      summary: "0 chosen (max 4)",
      enough: true,
    });
  });
});

describe("describeMemberState", () => {
  it("puts waiting decisions first, then a shortfall, then ready", () => {
    expect(describeMemberState({ proposed: 2, approved: 5, minPeers: 3 })).toEqual(["2 to decide", "warning"]);
    expect(describeMemberState({ proposed: 0, approved: 1, minPeers: 3 })).toEqual(["2 more needed", "info"]);
    expect(describeMemberState({ proposed: 0, approved: 3, minPeers: 3 })).toEqual(["Ready", "success"]);
  });
});
