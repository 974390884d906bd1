import { describe, expect, it } from "vitest";
import { bandLabels, bandOf, positionOnScale, profileFlags } from "./scale";

describe("the heatmap colour scale", () => {
  it("puts each mean in the band whose lower edge it reaches", () => {
    expect(bandOf(1)).toBe(0);
    expect(bandOf(2.49)).toBe(0);
    expect(bandOf(2.5)).toBe(1);
    expect(bandOf(3.74)).toBe(3);
    expect(bandOf(4.5)).toBe(5);
    expect(bandOf(5)).toBe(5);
  });

  it("labels every band in words", () => {
    expect(bandLabels()).toEqual([
      "below 2.5",
      "2.5 to 3.0",
      "3.0 to 3.5",
      "3.5 to 4.0",
      "4.0 to 4.5",
      "4.5 and above",
    ]);
  });

  it("places values on a 1–5 track and keeps them on it", () => {
    expect(positionOnScale(1)).toBe(0);
    expect(positionOnScale(3)).toBe(50);
    expect(positionOnScale(5)).toBe(100);
    expect(positionOnScale(0.2)).toBe(0);
  });
});

describe("profile flags", () => {
  const others = { suppressed: false, ciLow: 3.4, ciHigh: 4.0 };

  it("says when the manager rates below the others' interval", () => {
    expect(profileFlags({ others, self: null, manager: { mean: 3 } })).toEqual([
      "Rated lower by their manager than by peers",
    ]);
    expect(profileFlags({ others, self: null, manager: { mean: 3.4 } })).toEqual([]);
    expect(profileFlags({ others, self: null, manager: { mean: 4.5 } })).toEqual([
      "Rated higher by their manager than by peers",
    ]);
  });

  it("names blind spots and hidden strengths", () => {
    expect(profileFlags({ others, self: { mean: 4.6, agreement: "blind_spot" }, manager: null })).toEqual([
      "Rates themselves higher than others do",
    ]);
    expect(profileFlags({ others, self: { mean: 2.6, agreement: "hidden_strength" }, manager: null })).toEqual([
      "Rates themselves lower than others do",
    ]);
  });

  it("says nothing against a hidden group", () => {
    expect(
      profileFlags({ others: { suppressed: true, ciLow: null, ciHigh: null }, self: null, manager: { mean: 1 } }),
    ).toEqual([]);
  });
});
