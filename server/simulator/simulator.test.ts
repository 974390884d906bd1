import { describe, expect, it } from "vitest";
import { DEFAULT_AXES } from "../domain/competency-model";
import { createRng, deriveSeed } from "../domain/random";
import {
  DEMO_EMAIL_DOMAIN,
  PEOPLE_DEPARTMENT,
  axisScores,
  compositeScore,
  planRaters,
  quietInfluencerIndices,
  simulateAnswers,
  simulateOrganisation,
  trueCompetenceComposite,
  type RaterAssignment,
  type SimOrganisation,
} from ".";
import type { Relationship } from "../../lib/vocabulary";

const DEMO = { people: 150, seed: 42 };

function percentile(values: number[], p: number): number {
  const sorted = values.slice().sort((a, b) => a - b);
  const position = (sorted.length - 1) * p;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return (sorted[lower] as number) + ((sorted[upper] as number) - (sorted[lower] as number)) * (position - lower);
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function variance(values: number[]): number {
  const m = mean(values);
  return values.reduce((sum, value) => sum + (value - m) ** 2, 0) / (values.length - 1);
}

function pearson(pairs: [number, number][]): number {
  const xs = pairs.map(([x]) => x);
  const ys = pairs.map(([, y]) => y);
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of pairs) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe("random", () => {
  it("repeats itself for the same seed and differs for another", () => {
    const draw = (seed: number | string) => {
      const rng = createRng(seed);
      return [rng.next(), rng.int(1, 6), rng.normal(), rng.pick(["a", "b", "c"]), rng.chance(0.5)];
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw("seven")).toEqual(draw("seven"));
    expect(draw(7)).not.toEqual(draw(8));
    expect(deriveSeed(1, "a")).toBe(deriveSeed(1, "a"));
    expect(deriveSeed(1, "a")).not.toBe(deriveSeed("1", "a"));
    expect(deriveSeed(1, "a", 2)).not.toBe(deriveSeed(1, "a2"));
  });

  it("keeps its draws in range and its normal deviates standard", () => {
    const rng = createRng("range");
    const uniforms: number[] = [];
    const integers = new Set<number>();
    const normals: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      uniforms.push(rng.next());
      integers.add(rng.int(-2, 2));
      normals.push(rng.normal(10, 2));
    }
    expect(Math.min(...uniforms)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...uniforms)).toBeLessThan(1);
    expect(mean(uniforms)).toBeCloseTo(0.5, 2);
    expect([...integers].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2]);
    expect(mean(normals)).toBeCloseTo(10, 1);
    expect(Math.sqrt(variance(normals))).toBeCloseTo(2, 1);
  });

  it("shuffles into a new array holding the same items", () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = createRng(3).shuffle(items);
    expect(shuffled).not.toBe(items);
    expect(shuffled).not.toEqual(items);
    expect(shuffled.slice().sort((a, b) => a - b)).toEqual(items);
    expect(items[0]).toBe(0);
  });
});

describe("simulateOrganisation", () => {
  const org = simulateOrganisation(DEMO);

  it("is deterministic in its seed", () => {
    expect(simulateOrganisation(DEMO)).toEqual(org);
    const other = simulateOrganisation({ ...DEMO, seed: 43 });
    expect(other.people.map((person) => person.name)).not.toEqual(org.people.map((person) => person.name));
    expect(other.people[5]?.trueCompetence).not.toEqual(org.people[5]?.trueCompetence);
  });

  it("builds one tree under a single CEO", () => {
    const roots = org.people.filter((person) => person.managerIndex === null);
    expect(roots).toHaveLength(1);
    expect(roots[0]).toMatchObject({ index: 0, level: 1, title: "Chief Executive Officer" });
    for (const person of org.people) {
      expect(person.index).toBe(org.people.indexOf(person));
      // Walking up must reach the CEO in fewer steps than there are people: no cycles.
      let current = person;
      for (let steps = 0; current.managerIndex !== null; steps++) {
        expect(steps).toBeLessThan(org.people.length);
        const manager = org.people[current.managerIndex];
        expect(manager).toBeDefined();
        expect(manager?.level).toBe(current.level - 1);
        current = manager as typeof current;
      }
      expect(current.index).toBe(0);
    }
  });

  it("has a head per department reporting to the CEO, 3–4 levels and spans of about 4–8", () => {
    expect(org.departments).toHaveLength(7); // the CEO's own, plus six for 150 people
    expect(org.departments).toContain(PEOPLE_DEPARTMENT);
    const heads = org.people.filter((person) => person.level === 2);
    expect(heads.map((head) => head.managerIndex)).toEqual(heads.map(() => 0));
    expect(new Set(heads.map((head) => head.department))).toEqual(new Set(org.departments.slice(1)));
    for (const person of org.people.filter((p) => p.level > 2)) {
      expect(person.department).toBe(org.people[person.managerIndex ?? -1]?.department);
    }
    const levels = new Set(org.people.map((person) => person.level));
    expect(Math.max(...levels)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...levels)).toBeLessThanOrEqual(4);

    const spans = org.people
      .filter((person) => person.level > 1)
      .map((manager) => org.people.filter((p) => p.managerIndex === manager.index).length)
      .filter((span) => span > 0);
    expect(Math.min(...spans)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...spans)).toBeLessThanOrEqual(10);
    expect(mean(spans)).toBeGreaterThanOrEqual(4);
    expect(mean(spans)).toBeLessThanOrEqual(8);
  });

  it("grows deeper for larger organisations", () => {
    const large = simulateOrganisation({ people: 3000, seed: 1 });
    const depth = Math.max(...large.people.map((person) => person.level));
    expect(depth).toBeGreaterThanOrEqual(5);
    expect(large.departments).toHaveLength(13);
  });

  it("gives everyone a unique name and email, a title and a location", () => {
    const large = simulateOrganisation({ people: 3000, seed: 2 });
    for (const sample of [org, large]) {
      expect(new Set(sample.people.map((person) => person.name)).size).toBe(sample.people.length);
      expect(new Set(sample.people.map((person) => person.email)).size).toBe(sample.people.length);
      for (const person of sample.people) {
        expect(person.email).toMatch(
          new RegExp(`^[a-z0-9]+\\.[a-z0-9]+\\d*@${DEMO_EMAIL_DOMAIN.replaceAll(".", "\\.")}$`),
        );
        expect(person.title.length).toBeGreaterThan(3);
        expect(sample.locations).toContain(person.location);
      }
    }
    expect(org.people.find((person) => person.department === "Engineering" && person.level === 2)?.title).toBe(
      "Head of Engineering",
    );
    expect(org.locations.length).toBeGreaterThanOrEqual(3);
  });

  it("flags the People department as HR and makes its head the admin", () => {
    const hr = org.people.filter((person) => person.isHr);
    expect(hr.length).toBeGreaterThanOrEqual(3);
    expect(hr.length).toBeLessThanOrEqual(15);
    expect(hr.every((person) => person.department === PEOPLE_DEPARTMENT)).toBe(true);
    const admins = org.people.filter((person) => person.isAdmin);
    expect(admins).toHaveLength(1);
    expect(admins[0]).toMatchObject({ isHr: true, level: 2, title: "Head of People" });
  });

  it("correlates the competences through a general factor and visibility with seniority", () => {
    const large = simulateOrganisation({ people: 3000, seed: 3 });
    const pairs: [number, number][] = large.people.map((p) => [
      p.trueCompetence.listening,
      p.trueCompetence.sharing_credit,
    ]);
    expect(pearson(pairs)).toBeGreaterThan(0.45);
    expect(pearson(pairs)).toBeLessThan(0.75);
    expect(pearson(large.people.map((p) => [-p.level, p.trueVisibility]))).toBeGreaterThan(0.25);
    expect(Math.abs(pearson(large.people.map((p) => [trueCompetenceComposite(p), p.trueVisibility])))).toBeLessThan(
      0.1,
    );
  });

  it("plants quiet influencers who really are competent and quiet, at the requested share", () => {
    for (const [people, share] of [
      [150, 0.06],
      [3000, 0.06],
      [1000, 0.02],
      [1000, 0.12],
    ] as const) {
      const sample = simulateOrganisation({ people, seed: 11, quietInfluencerShare: share });
      const composites = sample.people.map(trueCompetenceComposite);
      const competenceP75 = percentile(composites, 0.75);
      const visibilityMedian = percentile(
        sample.people.map((person) => person.trueVisibility),
        0.5,
      );
      const quiet = quietInfluencerIndices(sample);
      const nonExecutive = sample.people.filter((person) => person.level >= 3).length;
      expect(quiet.length).toBe(Math.round(share * nonExecutive));
      for (const index of quiet) {
        const person = sample.people[index];
        expect(person?.level).toBeGreaterThanOrEqual(3);
        expect(trueCompetenceComposite(person as NonNullable<typeof person>)).toBeGreaterThan(competenceP75);
        expect(person?.trueVisibility).toBeLessThan(visibilityMedian);
      }
    }
  });

  it("still plants the requested share when seniority strongly drives visibility", () => {
    // Senior people can hardly be made quiet here; the planting moves on to others.
    const sample = simulateOrganisation({ people: 1000, seed: 3, visibilityLevelCorrelation: 0.8 });
    const nonExecutive = sample.people.filter((person) => person.level >= 3).length;
    expect(quietInfluencerIndices(sample).length).toBe(Math.round(0.06 * nonExecutive));
  });
});

describe("planRaters", () => {
  const org = simulateOrganisation(DEMO);
  const plan = planRaters(org);

  it("is deterministic", () => {
    expect(planRaters(simulateOrganisation(DEMO))).toEqual(plan);
  });

  it("asks self, manager, every direct report and 3–6 peers, without duplicates", () => {
    const bySubject = groupBySubject(plan);
    for (const subject of org.people) {
      const rows = bySubject.get(subject.index) ?? [];
      const raters = rows.map((row) => row.raterIndex);
      expect(new Set(raters).size).toBe(raters.length);
      const of = (relationship: Relationship) =>
        rows.filter((row) => row.relationship === relationship).map((row) => row.raterIndex);
      expect(of("self")).toEqual([subject.index]);
      expect(of("manager")).toEqual(subject.managerIndex === null ? [] : [subject.managerIndex]);
      const reports = org.people
        .filter((person) => person.managerIndex === subject.index)
        .map((person) => person.index);
      expect(of("direct_report").sort((a, b) => a - b)).toEqual(reports);
      const peers = of("peer");
      if (subject.managerIndex !== null) {
        expect(peers.length).toBeGreaterThanOrEqual(3);
        expect(peers.length).toBeLessThanOrEqual(6);
      }
      for (const peer of peers) {
        const person = org.people[peer];
        expect(peer).not.toBe(subject.index);
        expect(peer).not.toBe(subject.managerIndex);
        expect(person?.managerIndex).not.toBe(subject.index);
        expect(inLineOfManagement(org, peer, subject.index) || inLineOfManagement(org, subject.index, peer)).toBe(
          false,
        );
        // Same manager, or at least the same department.
        expect(person?.managerIndex === subject.managerIndex || person?.department === subject.department).toBe(true);
      }
    }
  });

  it("prefers people who share the subject's manager", () => {
    for (const subject of org.people.filter((person) => person.managerIndex !== null)) {
      const teammates = org.people.filter(
        (p) => p.managerIndex === subject.managerIndex && p.index !== subject.index,
      ).length;
      const peers = plan.filter((row) => row.subjectIndex === subject.index && row.relationship === "peer");
      const sameManager = peers.filter(
        (row) => org.people[row.raterIndex]?.managerIndex === subject.managerIndex,
      ).length;
      expect(sameManager).toBe(Math.min(teammates, peers.length));
    }
  });

  it("honours the peer range", () => {
    const few = planRaters(org, { peersPerSubject: [1, 2] }).filter((row) => row.relationship === "peer");
    const counts = groupBySubject(few);
    for (const rows of counts.values()) expect(rows.length).toBeLessThanOrEqual(2);
  });
});

describe("simulateAnswers", () => {
  const org = simulateOrganisation(DEMO);
  const plan = planRaters(org);
  const answer = (row: RaterAssignment, cycleKey: string | number = "2025-H1", sample: SimOrganisation = org) =>
    simulateAnswers({ org: sample, ...row, axes: DEFAULT_AXES, cycleKey });

  it("depends only on seed, cycle, subject and rater — not on the order of generation", () => {
    const forward = plan.slice(0, 300).map((row) => answer(row));
    const backward = plan
      .slice(0, 300)
      .reverse()
      .map((row) => answer(row))
      .reverse();
    expect(backward).toEqual(forward);
    expect(plan.slice(0, 300).map((row) => answer(row, "2025-H1", simulateOrganisation(DEMO)))).toEqual(forward);
    expect(plan.slice(0, 300).map((row) => answer(row, "2025-H2"))).not.toEqual(forward);
    const otherOrg = simulateOrganisation({ ...DEMO, seed: 43 });
    expect(
      planRaters(otherOrg)
        .slice(0, 300)
        .map((row) => answer(row, "2025-H1", otherOrg)),
    ).not.toEqual(forward);
  });

  it("answers every statement of the model with 1–5 or not observed, and flips reverse-scored ones", () => {
    const statements = DEFAULT_AXES.flatMap((axis) => axis.statements);
    const counts = { answered: 0, notObserved: 0 };
    for (const row of plan) {
      const { ratings } = answer(row);
      expect(Object.keys(ratings).sort()).toEqual(statements.map((statement) => statement.key).sort());
      for (const value of Object.values(ratings)) {
        if (value === null) counts.notObserved++;
        else {
          expect([1, 2, 3, 4, 5]).toContain(value);
          counts.answered++;
        }
      }
      if (row.relationship === "self") expect(Object.values(ratings)).not.toContain(null);
    }
    const notObservedShare = counts.notObserved / (counts.answered + counts.notObserved);
    expect(notObservedShare).toBeGreaterThan(0.02);
    expect(notObservedShare).toBeLessThan(0.12);

    // A reverse-scored statement disagrees with its axis: its raw answer correlates negatively with the rest.
    const pairs: [number, number][] = [];
    for (const row of plan) {
      const { ratings } = answer(row);
      const raw = ratings.sc_claims_credit;
      const rest = axisScores({ ...ratings, sc_claims_credit: null }, DEFAULT_AXES).sharing_credit;
      if (raw !== null && raw !== undefined && rest !== undefined) pairs.push([raw, rest]);
    }
    expect(pearson(pairs)).toBeLessThan(-0.2);
  });

  it("follows the model it is given, not a hard-coded one", () => {
    const reduced = DEFAULT_AXES.filter((axis) => axis.key === "listening").map((axis) => ({
      ...axis,
      statements: axis.statements.slice(0, 2).map((statement) => ({ ...statement, key: `custom_${statement.key}` })),
    }));
    const { ratings } = simulateAnswers({ org, ...(plan[1] as RaterAssignment), axes: reduced, cycleKey: 1 });
    expect(Object.keys(ratings).sort()).toEqual(["custom_li_builds_on_ideas", "custom_li_lets_finish"]);
  });

  it("writes plausible comments from about 40 % of anonymous raters, and none for self", () => {
    const anonymous = plan.filter((row) => row.relationship === "peer" || row.relationship === "direct_report");
    const withComments = anonymous.filter((row) => answer(row).comments.length > 0).length / anonymous.length;
    expect(withComments).toBeGreaterThan(0.3);
    expect(withComments).toBeLessThan(0.5);
    for (const row of plan.filter((r) => r.relationship === "self")) expect(answer(row).comments).toEqual([]);
    for (const row of anonymous.slice(0, 400)) {
      for (const comment of answer(row).comments) {
        expect(comment.text).toMatch(/^[A-Z].{20,}[.]$/);
        expect(comment.text).not.toMatch(/[{}]/);
        expect([null, ...DEFAULT_AXES.map((axis) => axis.key)]).toContain(comment.axisKey);
      }
    }
  });

  it("rates the truly competent higher and sees the visible as visible", () => {
    const large = simulateOrganisation({ people: 1000, seed: 5 });
    const peerRows = planRaters(large).filter((row) => row.relationship === "peer");
    const competence: [number, number][] = [];
    const visibility: [number, number][] = [];
    for (const row of peerRows) {
      const { ratings } = answer(row, 1, large);
      const subject = large.people[row.subjectIndex];
      if (!subject) continue;
      const overall = compositeScore(ratings, DEFAULT_AXES);
      if (overall !== null) competence.push([trueCompetenceComposite(subject), overall]);
      const seen = axisScores(ratings, DEFAULT_AXES).visibility;
      if (seen !== undefined) visibility.push([subject.trueVisibility, seen]);
    }
    expect(pearson(competence)).toBeGreaterThan(0.4);
    expect(pearson(visibility)).toBeGreaterThan(0.4);
  });
});

/** Whether `upper` manages `lower`, directly or through others. */
function inLineOfManagement(org: SimOrganisation, upper: number, lower: number): boolean {
  for (
    let current = org.people[lower]?.managerIndex ?? null;
    current !== null;
    current = org.people[current]?.managerIndex ?? null
  ) {
    if (current === upper) return true;
  }
  return false;
}

function groupBySubject(plan: RaterAssignment[]): Map<number, RaterAssignment[]> {
  const bySubject = new Map<number, RaterAssignment[]>();
  for (const row of plan) {
    const rows = bySubject.get(row.subjectIndex);
    if (rows) rows.push(row);
    else bySubject.set(row.subjectIndex, [row]);
  }
  return bySubject;
}

// ---------------------------------------------------------------------------
// Calibration against Conway & Huffcutt (1997)
// ---------------------------------------------------------------------------

interface RatingsBySubject {
  self: number[];
  manager: number[];
  /** A second, independent manager-like rater (the skip-level), since a subject has one manager. */
  secondManager: number[];
  peer: number[];
  report: number[];
}

interface CalibrationFigures {
  reliability: { manager: number; peer: number; report: number };
  between: Record<"managerPeer" | "reportManager" | "reportPeer" | "selfManager" | "selfPeer" | "selfReport", number>;
  selfMinusManagerD: number;
}

/** Overall scores of every response in one cycle, grouped by subject and source. */
function collectOverallScores(org: SimOrganisation, cycleKey: string): RatingsBySubject[] {
  const overall = (subjectIndex: number, raterIndex: number, relationship: Relationship) =>
    compositeScore(
      simulateAnswers({ org, subjectIndex, raterIndex, relationship, axes: DEFAULT_AXES, cycleKey }).ratings,
      DEFAULT_AXES,
    );
  const result: RatingsBySubject[] = org.people.map(() => ({
    self: [],
    manager: [],
    secondManager: [],
    peer: [],
    report: [],
  }));
  const push = (list: number[], value: number | null) => {
    if (value !== null) list.push(value);
  };
  for (const row of planRaters(org)) {
    const bucket = result[row.subjectIndex] as RatingsBySubject;
    const score = overall(row.subjectIndex, row.raterIndex, row.relationship);
    if (row.relationship === "direct_report") push(bucket.report, score);
    else push(bucket[row.relationship], score);
  }
  for (const subject of org.people) {
    const skipLevel = subject.managerIndex === null ? null : (org.people[subject.managerIndex]?.managerIndex ?? null);
    if (skipLevel !== null)
      push((result[subject.index] as RatingsBySubject).secondManager, overall(subject.index, skipLevel, "manager"));
  }
  return result;
}

/** Single-rater correlations, pooled over every pair of raters of the given sources who rated the same subject. */
function pairedCorrelation(subjects: RatingsBySubject[], a: keyof RatingsBySubject, b: keyof RatingsBySubject): number {
  const pairs: [number, number][] = [];
  for (const subject of subjects) {
    const left = subject[a];
    const right = subject[b];
    left.forEach((x, i) =>
      right.forEach((y, j) => {
        // Within one source every ordered pair of distinct raters counts (the double-entry intraclass correlation).
        if (a !== b || i !== j) pairs.push([x, y]);
      }),
    );
  }
  return pearson(pairs);
}

function measureCalibration(org: SimOrganisation): CalibrationFigures {
  const subjects = collectOverallScores(org, "calibration");
  const withBoth = subjects.filter((subject) => subject.self.length > 0 && subject.manager.length > 0);
  const selfScores = withBoth.map((subject) => subject.self[0] as number);
  const managerScores = withBoth.map((subject) => subject.manager[0] as number);
  const pooledSd = Math.sqrt((variance(selfScores) + variance(managerScores)) / 2);
  return {
    reliability: {
      manager: pairedCorrelation(subjects, "manager", "secondManager"),
      peer: pairedCorrelation(subjects, "peer", "peer"),
      report: pairedCorrelation(subjects, "report", "report"),
    },
    between: {
      managerPeer: pairedCorrelation(subjects, "manager", "peer"),
      reportManager: pairedCorrelation(subjects, "report", "manager"),
      reportPeer: pairedCorrelation(subjects, "report", "peer"),
      selfManager: pairedCorrelation(subjects, "self", "manager"),
      selfPeer: pairedCorrelation(subjects, "self", "peer"),
      selfReport: pairedCorrelation(subjects, "self", "report"),
    },
    selfMinusManagerD: (mean(selfScores) - mean(managerScores)) / pooledSd,
  };
}

/** Conway & Huffcutt (1997), Human Performance 10(4), as quoted in DESIGN.md. */
const PUBLISHED: CalibrationFigures = {
  reliability: { manager: 0.5, peer: 0.37, report: 0.3 },
  between: {
    managerPeer: 0.34,
    reportManager: 0.22,
    reportPeer: 0.22,
    selfManager: 0.22,
    selfPeer: 0.19,
    selfReport: 0.14,
  },
  selfMinusManagerD: 0.3,
};

const TOLERANCE = 0.08;

describe("calibration against Conway & Huffcutt (1997)", () => {
  it("reproduces the published reliabilities, between-source correlations and self-leniency with default settings", () => {
    const org = simulateOrganisation({ people: 3000, seed: 1997 });
    const simulated = measureCalibration(org);
    const rows: [string, number, number][] = [
      ["single-rater reliability, manager", simulated.reliability.manager, PUBLISHED.reliability.manager],
      ["single-rater reliability, peer", simulated.reliability.peer, PUBLISHED.reliability.peer],
      ["single-rater reliability, direct report", simulated.reliability.report, PUBLISHED.reliability.report],
      ["manager–peer", simulated.between.managerPeer, PUBLISHED.between.managerPeer],
      ["direct report–manager", simulated.between.reportManager, PUBLISHED.between.reportManager],
      ["direct report–peer", simulated.between.reportPeer, PUBLISHED.between.reportPeer],
      ["self–manager", simulated.between.selfManager, PUBLISHED.between.selfManager],
      ["self–peer", simulated.between.selfPeer, PUBLISHED.between.selfPeer],
      ["self–direct report", simulated.between.selfReport, PUBLISHED.between.selfReport],
      ["self − manager leniency (d)", simulated.selfMinusManagerD, PUBLISHED.selfMinusManagerD],
    ];
    const table = rows
      .map(
        ([label, sim, pub]) =>
          `${label.padEnd(40)} ${sim.toFixed(3).padStart(7)} ${pub.toFixed(2).padStart(9)} ${(sim - pub >= 0 ? "+" : "") + (sim - pub).toFixed(3)}`,
      )
      .join("\n");
    console.log(
      `Calibration, ${org.people.length} simulated people, default settings (tolerance ±${TOLERANCE}):\n` +
        `${"figure".padEnd(40)} ${"simulated".padStart(7)} ${"published".padStart(9)} diff\n${table}`,
    );
    for (const [label, sim, pub] of rows) {
      expect.soft(Math.abs(sim - pub), label).toBeLessThanOrEqual(TOLERANCE);
    }
  });
});
