import { describe, expect, it } from "vitest";
import {
  estimateVarianceComponents,
  responseCompetencyScore,
  managerOthersGap,
  selfOtherAgreement,
  shrinkTowardOrgMean,
  shrunkInterval,
  summariseSample,
  tQuantile95,
} from "./scoring";

describe("a response's competency score", () => {
  it("is the mean of observed statements with reverse-scored ones flipped", () => {
    expect(
      responseCompetencyScore([
        { value: 4, reverseScored: false },
        { value: 2, reverseScored: true },
      ]),
    ).toBe(4);
    expect(
      responseCompetencyScore([
        { value: 5, reverseScored: false },
        { value: null, reverseScored: false },
      ]),
    ).toBe(5);
  });
  it("does not exist when nothing was observed", () => {
    expect(
      responseCompetencyScore([
        { value: null, reverseScored: false },
        { value: null, reverseScored: true },
      ]),
    ).toBeNull();
    expect(responseCompetencyScore([])).toBeNull();
  });
});

describe("a sample's summary", () => {
  it("matches figures computed by hand: mean, sd and a 90 % t interval", () => {
    const s = summariseSample([3, 4, 5]);
    expect(s.n).toBe(3);
    expect(s.mean).toBe(4);
    expect(s.sd).toBeCloseTo(1, 12);
    // t(0.95, 2) = 2.920; half-width = 2.920 × 1 / √3 = 1.68586
    expect(s.ciLow).toBeCloseTo(2.31414, 4);
    // 5.68586 is off the scale: an average of 1–5 answers cannot exceed 5.
    expect(s.ciHigh).toBe(5);
  });
  it("keeps an interval on the 1–5 scale at both ends", () => {
    const s = summariseSample([1, 1, 2]);
    // mean 1.333, sd 0.577, half-width 2.920 × 0.577 / √3 = 0.973
    expect(s.ciLow).toBe(1);
    expect(s.ciHigh).toBeCloseTo(2.3067, 4);
  });
  it("has no spread or interval for n = 0 or n = 1", () => {
    expect(summariseSample([])).toEqual({ n: 0, mean: null, sd: null, ciLow: null, ciHigh: null });
    expect(summariseSample([4])).toEqual({ n: 1, mean: 4, sd: null, ciLow: null, ciHigh: null });
  });
  it("has zero spread and a point interval when all answers are identical", () => {
    expect(summariseSample([4, 4, 4, 4])).toEqual({ n: 4, mean: 4, sd: 0, ciLow: 4, ciHigh: 4 });
  });
  it("uses t quantiles from the table and a close approximation beyond it", () => {
    expect(tQuantile95(1)).toBe(6.314);
    expect(tQuantile95(30)).toBe(1.697);
    expect(tQuantile95(40)).toBeCloseTo(1.684, 3);
    expect(tQuantile95(120)).toBeCloseTo(1.658, 3);
    expect(() => tQuantile95(0)).toThrow(RangeError);
  });
});

describe("empirical-Bayes shrinkage", () => {
  const components = estimateVarianceComponents([{ values: [1, 3] }, { values: [5, 7] }])!;

  it("estimates within- and between-subject variance by the method of moments", () => {
    // grand mean 4; within = 4 / 2 = 2; MS_between = 16; n0 = 2; between = (16 − 2) / 2 = 7
    expect(components).toEqual({ within: 2, between: 7, grandMean: 4 });
    expect(estimateVarianceComponents([{ values: [3, 4] }])).toBeNull();
  });

  it("pulls a mean toward the organisation in proportion to how little stands behind it", () => {
    // noise = 2 / 2 = 1; pull = 1 / (1 + 7) = 1/8; 4 + 7/8 × (6 − 4) = 5.75
    expect(shrinkTowardOrgMean(6, 2, components)).toBeCloseTo(5.75, 12);
    // more raters, less pull
    expect(shrinkTowardOrgMean(6, 20, components)).toBeGreaterThan(5.75);
    expect(shrinkTowardOrgMean(6, 0, components)).toBe(4);
  });

  it("ranks a thin perfect score below a well-supported high one", () => {
    const thin = shrinkTowardOrgMean(5, 1, { within: 0.8, between: 0.2, grandMean: 3.8 });
    const solid = shrinkTowardOrgMean(4.6, 12, { within: 0.8, between: 0.2, grandMean: 3.8 });
    expect(solid).toBeGreaterThan(thin);
  });

  it("gives everyone the organisation mean when people do not really differ", () => {
    expect(shrinkTowardOrgMean(5, 3, { within: 1, between: 0, grandMean: 3.5 })).toBe(3.5);
  });
});

describe("self–other agreement", () => {
  const others = { ciLow: 3.5, ciHigh: 4.5 };
  it("flags a blind spot above the others' interval and a hidden strength below it", () => {
    expect(selfOtherAgreement(4.8, others)).toBe("blind_spot");
    expect(selfOtherAgreement(3.0, others)).toBe("hidden_strength");
    expect(selfOtherAgreement(4.5, others)).toBe("in_line");
  });
  it("says nothing without a self score or an interval", () => {
    expect(selfOtherAgreement(null, others)).toBeNull();
    expect(selfOtherAgreement(4, { ciLow: null, ciHigh: null })).toBeNull();
  });
});

describe("manager–others gap", () => {
  const others = { ciLow: 3.5, ciHigh: 4.5 };
  it("names a manager below or above the others' interval, and nothing inside it", () => {
    expect(managerOthersGap(3.0, others)).toBe("manager_lower");
    expect(managerOthersGap(4.8, others)).toBe("manager_higher");
    expect(managerOthersGap(3.5, others)).toBe("in_line");
  });
  it("says nothing without a manager score or an interval", () => {
    expect(managerOthersGap(null, others)).toBeNull();
    expect(managerOthersGap(2, { ciLow: null, ciHigh: null })).toBeNull();
  });
});

describe("the shrunk estimate's range", () => {
  const components = { within: 1, between: 0.25, grandMean: 3.5 };
  it("is the posterior normal range: centre the shrunk mean, variance (1 − B)·σ²_w/n", () => {
    // n = 4: σ²_w/n = 0.25, B = 0.5, shrunk = 3.5 + 0.5 × (4.5 − 3.5) = 4.0, V = 0.125.
    const { low, high } = shrunkInterval(4.5, 4, components);
    expect((low + high) / 2).toBeCloseTo(4.0, 12);
    expect(high - low).toBeCloseTo(2 * 1.6448536269514722 * Math.sqrt(0.125), 12);
  });
  it("narrows with more raters, and does not depend on how much they agreed", () => {
    const few = shrunkInterval(4.5, 3, components);
    const many = shrunkInterval(4.5, 12, components);
    expect(many.high - many.low).toBeLessThan(few.high - few.low);
    expect(many.low).toBeGreaterThan(few.low);
  });
  it("collapses to the organisation mean when people do not really differ", () => {
    expect(shrunkInterval(5, 3, { within: 1, between: 0, grandMean: 3.5 })).toEqual({ low: 3.5, high: 3.5 });
  });
});
