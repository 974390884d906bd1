/**
 * The evaluation of the finder, run end to end on a small organisation: the
 * structure of what it reports, and that the same settings report the same
 * figures. Whether the finder wins is shown by `npm run evaluate` at sizes
 * this test cannot afford (README, "Does the finder find the right people?").
 */
import { beforeAll, describe, expect, it } from "vitest";
import { evaluateFinder, RANKINGS, type EvaluationResult } from "./run";

const options = { simulation: { people: 200, seed: 11 }, databaseUrl: process.env.DATABASE_URL };
let first: EvaluationResult;
let second: EvaluationResult;

beforeAll(async () => {
  first = await evaluateFinder(options);
  second = await evaluateFinder(options);
});

/** Everything but how long it took. */
const figures = (result: EvaluationResult) => ({ ...result, seconds: null });

describe("evaluating the finder", () => {
  it("cuts every ranking to the same length L: a tenth of the population, at most the finder's quadrant", () => {
    expect(first.population).toBeGreaterThan(0);
    // A subject whose anonymous raters saw nothing of the visibility axis has no place on the chart either.
    expect(first.population + first.withoutPool).toBeLessThanOrEqual(200);
    expect(first.shortlistLength).toBe(Math.min(Math.round(0.1 * first.population), first.quadrant));
    expect(first.shortlistLength).toBeGreaterThan(0);
    for (const ranking of RANKINGS) expect(first.lists[ranking].length).toBe(first.shortlistLength);
  });

  it("reports every share within [0, 1], and counts that add up", () => {
    expect(first.planted).toBeGreaterThan(0);
    expect(first.planted).toBeLessThanOrEqual(first.plantedInOrganisation);
    expect(first.plantedInQuadrant).toBeLessThanOrEqual(first.planted);
    for (const ranking of RANKINGS) {
      const list = first.lists[ranking];
      for (const value of [list.recall, list.precision, list.belowMedian]) {
        expect(value).not.toBeNull();
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }
      expect(list.recall).toBeCloseTo(list.found / first.planted, 12);
      expect(list.precision).toBeCloseTo(list.found / first.shortlistLength, 12);
    }
  });

  it("takes the finder's list from the top of its quadrant; the naive lists from the whole population", () => {
    expect(first.quadrantMembers).toHaveLength(first.quadrant);
    const quadrant = new Set(first.quadrantMembers);
    for (const index of first.shortlists.finder) expect(quadrant.has(index)).toBe(true);
    expect(first.shortlists.finder).toEqual(first.quadrantMembers.slice(0, first.shortlistLength));
    expect(first.lists.finder.found).toBeLessThanOrEqual(first.plantedInQuadrant);
    for (const ranking of RANKINGS) {
      expect(first.shortlists[ranking]).toHaveLength(first.shortlistLength);
      expect(new Set(first.shortlists[ranking]).size).toBe(first.shortlistLength);
    }
  });

  it("gives the same figures for the same settings, but for who sits exactly on a median line", () => {
    // Which side of a median line such a subject lands on is floating-point noise in the
    // published figures (see onMedianLine); everything else must repeat exactly.
    const onLine = new Set([...first.onMedianLine, ...second.onMedianLine]);
    const steady = (result: EvaluationResult) => ({
      ...figures(result),
      quadrant: null,
      plantedInQuadrant: null,
      onMedianLine: null,
      lists: { ...result.lists, finder: null },
      shortlists: { ...result.shortlists, finder: null },
      quadrantMembers: result.quadrantMembers.filter((index) => !onLine.has(index)),
    });
    expect(steady(second)).toEqual(steady(first));
    if (onLine.size === 0) expect(figures(second)).toEqual(figures(first));
  });
});
