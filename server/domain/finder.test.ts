import { describe, expect, it } from "vitest";
import {
  decideSlice,
  median,
  mediansOf,
  onMedianLine,
  quadrantOf,
  rankShortlist,
  subFilters,
  type FinderPoint,
} from "./finder";
import type { SliceFilters } from "../shapes/finder";

const point = (
  id: string,
  competence: number,
  visibility: number,
  competenceLow: number | null = competence - 0.3,
): FinderPoint => ({
  id,
  competence,
  competenceLow,
  competenceHigh: competenceLow === null ? null : competence + 0.3,
  visibility,
});

describe("medians and quadrants", () => {
  it("takes the middle value, or the mean of the middle two", () => {
    expect(median([])).toBeNull();
    expect(median([3])).toBe(3);
    expect(median([4, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("names each quadrant against the medians; on the line counts as low", () => {
    const medians = { competence: 3.5, visibility: 3 };
    expect(quadrantOf({ competence: 4, visibility: 2 }, medians)).toBe("quiet_influencer");
    expect(quadrantOf({ competence: 4, visibility: 4 }, medians)).toBe("visible_leader");
    expect(quadrantOf({ competence: 3, visibility: 4 }, medians)).toBe("visible_not_leading");
    expect(quadrantOf({ competence: 3, visibility: 2 }, medians)).toBe("developing");
    expect(quadrantOf({ competence: 3.5, visibility: 2 }, medians)).toBe("developing");
    expect(quadrantOf({ competence: 4, visibility: 3 }, medians)).toBe("quiet_influencer");
    // The same value summed in another order: still on the line.
    expect(quadrantOf({ competence: 3.5 + 1e-14, visibility: 3 + 1e-14 }, medians)).toBe("developing");
    expect(onMedianLine({ competence: 3.5 + 1e-14, visibility: 1 }, medians)).toBe(true);
    expect(onMedianLine({ competence: 4, visibility: 3 - 1e-14 }, medians)).toBe(true);
    expect(onMedianLine({ competence: 4, visibility: 2 }, medians)).toBe(false);
  });
});

describe("the shortlist", () => {
  it("holds only quiet influencers, ranked by the lower bound of their competence interval", () => {
    const points = [
      point("a", 4.2, 2.0, 3.6), // high mean, wide interval
      point("b", 4.0, 2.5, 3.8), // lower mean, firmer evidence: ranks first
      point("c", 4.5, 4.5, 4.2), // visible leader: not on the list
      point("d", 3.0, 1.0, 2.8), // developing
      point("e", 3.9, 2.9, null), // one response, no interval: last
      point("f", 3.2, 4.0, 3.0),
      point("g", 3.6, 3.1, 3.2),
    ];
    const medians = mediansOf(points)!;
    expect(medians).toEqual({ competence: 3.9, visibility: 2.9 });
    // e sits on the competence median, so it is not high: only a and b remain.
    expect(rankShortlist(points, medians).map((p) => p.id)).toEqual(["b", "a"]);
    const lowered = { competence: 3.5, visibility: 3.0 };
    expect(rankShortlist(points, lowered).map((p) => p.id)).toEqual(["b", "a", "e"]);
  });

  it("breaks ties by shrunk competence, then by id", () => {
    const medians = { competence: 3, visibility: 3 };
    const points = [point("z", 4.0, 1, 3.5), point("y", 4.0, 1, 3.5), point("x", 4.4, 1, 3.5)];
    expect(rankShortlist(points, medians).map((p) => p.id)).toEqual(["x", "y", "z"]);
  });
});

describe("slices of the organisation (the remainder rule)", () => {
  // A small organisation: department × level × location, one entry per person.
  const people = [
    ...Array.from({ length: 10 }, () => ({ department: "Eng", level: 4, location: "Leeds" })),
    ...Array.from({ length: 2 }, () => ({ department: "Eng", level: 5, location: "Leeds" })),
    ...Array.from({ length: 5 }, () => ({ department: "Eng", level: 5, location: "Oslo" })),
    ...Array.from({ length: 8 }, () => ({ department: "Sales", level: 4, location: "Oslo" })),
    ...Array.from({ length: 2 }, () => ({ department: "Legal", level: 4, location: "Oslo" })),
  ];
  const countOf = (f: SliceFilters) =>
    people.filter(
      (p) =>
        (f.department === undefined || p.department === f.department) &&
        (f.level === undefined || p.level === f.level) &&
        (f.location === undefined || p.location === f.location),
    ).length;

  it("lists every broader view made of some of the filters", () => {
    expect(subFilters({})).toEqual([]);
    expect(subFilters({ department: "Eng", level: 5 })).toEqual([{}, { department: "Eng" }, { level: 5 }]);
    expect(subFilters({ department: "Eng", level: 5, location: "Oslo" })).toHaveLength(7);
  });

  it("shows the whole organisation and slices that hold k people with a remainder of k or more", () => {
    expect(decideSlice({}, countOf, 3)).toEqual({ shown: true, people: 27 });
    expect(decideSlice({ department: "Sales" }, countOf, 3)).toEqual({ shown: true, people: 8 });
    expect(decideSlice({ department: "Eng", level: 5 }, countOf, 3)).toEqual({ shown: true, people: 7 });
  });

  it("refuses a slice below k, saying how many it holds", () => {
    const decision = decideSlice({ department: "Legal" }, countOf, 3);
    expect(decision).toMatchObject({ shown: false, people: 2 });
    expect(decision.shown === false && decision.reason).toMatch(
      /only 2 people with published feedback; a view needs at least 3 people/,
    );
  });

  it("refuses a slice whose remainder within a broader view is below k", () => {
    // Eng in Leeds (12) differs from Eng at level 4 in Leeds (10) by the 2 level-5 people in Leeds.
    const decision = decideSlice({ department: "Eng", level: 4, location: "Leeds" }, countOf, 3);
    expect(decision.shown).toBe(false);
    expect(decision.shown === false && decision.reason).toMatch(
      /differs from (Leeds|Eng, Leeds) by only 2 people, fewer than 3/,
    );
    // Level 4 (20) against the whole organisation (27): a remainder of 7 is fine.
    expect(decideSlice({ level: 4 }, countOf, 3).shown).toBe(true);
  });

  it("allows a filter that removes nobody: the two views are the same group", () => {
    // Everyone in Sales is in Oslo: adding the location changes nothing.
    expect(decideSlice({ department: "Sales", location: "Oslo" }, countOf, 3)).toEqual({ shown: true, people: 8 });
  });
});
