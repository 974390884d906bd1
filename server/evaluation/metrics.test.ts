import { describe, expect, it } from "vitest";
import { rankByScore, ratio, scoreShortlist, shortlistLength, summarisePopulation, type SubjectTruth } from "./metrics";

/** Six subjects, true composites 1..6 (median 3.5); b and f planted. */
const truthOf = new Map<string, SubjectTruth>([
  ["a", { planted: false, trueComposite: 1 }],
  ["b", { planted: true, trueComposite: 5 }],
  ["c", { planted: false, trueComposite: 3 }],
  ["d", { planted: false, trueComposite: 4 }],
  ["e", { planted: false, trueComposite: 2 }],
  ["f", { planted: true, trueComposite: 6 }],
]);
const population = summarisePopulation(truthOf.values());

describe("the population", () => {
  it("counts the planted people and takes the median true composite", () => {
    expect(population).toEqual({ size: 6, planted: 2, medianTrueComposite: 3.5 });
  });

  it("has no median when it is empty", () => {
    expect(summarisePopulation([])).toEqual({ size: 0, planted: 0, medianTrueComposite: null });
  });
});

describe("scoring a shortlist", () => {
  it("gives recall, precision and the share below the median", () => {
    // b planted, c below 3.5, d neither: 1 of 2 planted found, 1 of 3 planted, 1 of 3 below.
    expect(scoreShortlist(["b", "c", "d"], truthOf, population)).toEqual({
      length: 3,
      found: 1,
      recall: 1 / 2,
      precision: 1 / 3,
      belowMedian: 1 / 3,
    });
  });

  it("scores a list of only planted people as fully precise", () => {
    expect(scoreShortlist(["f", "b"], truthOf, population)).toEqual({
      length: 2,
      found: 2,
      recall: 1,
      precision: 1,
      belowMedian: 0,
    });
  });

  it("scores a list without planted people as zero recall and precision", () => {
    expect(scoreShortlist(["a", "e"], truthOf, population)).toEqual({
      length: 2,
      found: 0,
      recall: 0,
      precision: 0,
      belowMedian: 1,
    });
  });

  it("leaves precision and below-median undefined for an empty list, and recall zero", () => {
    expect(scoreShortlist([], truthOf, population)).toEqual({
      length: 0,
      found: 0,
      recall: 0,
      precision: null,
      belowMedian: null,
    });
  });

  it("leaves recall undefined when nobody was planted", () => {
    const nonePlanted = new Map([...truthOf].map(([id, truth]) => [id, { ...truth, planted: false }]));
    const score = scoreShortlist(["b", "f"], nonePlanted, summarisePopulation(nonePlanted.values()));
    expect(score).toEqual({ length: 2, found: 0, recall: null, precision: 0, belowMedian: 0 });
  });

  it("counts someone exactly on the median as not below it", () => {
    const odd = new Map<string, SubjectTruth>([
      ["x", { planted: false, trueComposite: 1 }],
      ["y", { planted: false, trueComposite: 2 }],
      ["z", { planted: false, trueComposite: 3 }],
    ]);
    expect(scoreShortlist(["y", "x"], odd, summarisePopulation(odd.values())).belowMedian).toBe(1 / 2);
  });

  it("refuses a subject outside the population", () => {
    expect(() => scoreShortlist(["nobody"], truthOf, population)).toThrow(/not in the population/);
  });
});

describe("the shortlist length", () => {
  it("is the share of the population, rounded", () => {
    expect(shortlistLength(500, 0.1, 200)).toBe(50);
    expect(shortlistLength(305, 0.1, 200)).toBe(31);
    expect(shortlistLength(304, 0.1, 200)).toBe(30);
  });

  it("is never longer than what the finder offers", () => {
    expect(shortlistLength(500, 0.1, 12)).toBe(12);
    expect(shortlistLength(500, 0.1, 0)).toBe(0);
    expect(shortlistLength(0, 0.1, 0)).toBe(0);
  });
});

describe("ranking by a score", () => {
  it("puts the highest first, breaks ties by the stable key, and puts missing scores last", () => {
    const ranked = rankByScore([
      { id: "p", score: 3, tiebreak: 4 },
      { id: "q", score: null, tiebreak: 0 },
      { id: "r", score: 4.5, tiebreak: 9 },
      { id: "s", score: 3, tiebreak: 1 },
      { id: "t", score: null, tiebreak: -1 },
      { id: "u", score: 1, tiebreak: 2 },
    ]);
    expect(ranked).toEqual(["r", "s", "p", "u", "t", "q"]);
  });

  it("ranks nothing as nothing and does not reorder its input", () => {
    expect(rankByScore([])).toEqual([]);
    const input = [
      { id: "a", score: 1, tiebreak: 0 },
      { id: "b", score: 2, tiebreak: 1 },
    ];
    expect(rankByScore(input)).toEqual(["b", "a"]);
    expect(input.map((s) => s.id)).toEqual(["a", "b"]);
  });
});

describe("ratios", () => {
  it("are undefined over zero", () => {
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(1, 4)).toBe(0.25);
  });
});
