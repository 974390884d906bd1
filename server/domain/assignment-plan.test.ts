import { describe, expect, it } from "vitest";
import {
  anonymousOutcome,
  groupSizeWarnings,
  planAssignments,
  type AssignmentPlanInput,
  type PlanPerson,
  type PlannedAssignment,
} from "./assignment-plan";

/**
 * A small org chart:
 *
 *   ceo
 *   ├── ana (manager) ── ben, cat, dan
 *   └── eve (manager) ── fay, gus
 *                         └── gus manages hal
 */
const chart: PlanPerson[] = [
  { id: "ceo", managerId: null },
  { id: "ana", managerId: "ceo" },
  { id: "ben", managerId: "ana" },
  { id: "cat", managerId: "ana" },
  { id: "dan", managerId: "ana" },
  { id: "eve", managerId: "ceo" },
  { id: "fay", managerId: "eve" },
  { id: "gus", managerId: "eve" },
  { id: "hal", managerId: "gus" },
];
const person = (id: string) => chart.find((p) => p.id === id)!;

function plan(overrides: Partial<AssignmentPlanInput> = {}) {
  return planAssignments({
    participants: chart,
    activePeople: chart,
    approvedNominations: [],
    maxPeers: 8,
    ...overrides,
  });
}

const of = (assignments: PlannedAssignment[], subjectId: string) =>
  assignments
    .filter((a) => a.subjectId === subjectId)
    .map((a) => `${a.relationship}:${a.raterId}`)
    .sort();

describe("planAssignments", () => {
  it("asks each participant for a self-review, their manager and every direct report", () => {
    const { assignments, groups } = plan();
    expect(of(assignments, "ana")).toEqual([
      "direct_report:ben",
      "direct_report:cat",
      "direct_report:dan",
      "manager:ceo",
      "self:ana",
    ]);
    expect(of(assignments, "ceo")).toEqual(["direct_report:ana", "direct_report:eve", "self:ceo"]);
    expect(of(assignments, "hal")).toEqual(["manager:gus", "self:hal"]);
    expect(groups.find((g) => g.subjectId === "ana")).toEqual({ subjectId: "ana", peers: 0, directReports: 3 });
    // Exactly one self-review per participant, and nothing else self-rated.
    expect(
      assignments
        .filter((a) => a.relationship === "self")
        .map((a) => a.subjectId)
        .sort(),
    ).toEqual(chart.map((p) => p.id).sort());
    expect(assignments.every((a) => (a.relationship === "self") === (a.subjectId === a.raterId))).toBe(true);
  });

  it("makes only participants subjects, but asks managers and reports outside the cycle", () => {
    // Eve's team takes part; Eve and the CEO do not.
    const { assignments, groups } = plan({ participants: [person("fay"), person("gus"), person("hal")] });
    expect([...new Set(assignments.map((a) => a.subjectId))].sort()).toEqual(["fay", "gus", "hal"]);
    expect(of(assignments, "fay")).toEqual(["manager:eve", "self:fay"]);
    expect(of(assignments, "gus")).toEqual(["direct_report:hal", "manager:eve", "self:gus"]);
    expect(groups.map((g) => g.subjectId)).toEqual(["fay", "gus", "hal"]);
  });

  it("takes approved peers in order, up to the maximum", () => {
    const { assignments, groups } = plan({
      participants: [person("ben")],
      approvedNominations: [
        { subjectId: "ben", nomineeId: "fay" },
        { subjectId: "ben", nomineeId: "cat" },
        { subjectId: "ben", nomineeId: "hal" },
        { subjectId: "ben", nomineeId: "gus" },
        { subjectId: "cat", nomineeId: "dan" }, // someone else's nomination
      ],
      maxPeers: 3,
    });
    expect(assignments.filter((a) => a.relationship === "peer").map((a) => a.raterId)).toEqual(["fay", "cat", "hal"]);
    expect(groups).toEqual([{ subjectId: "ben", peers: 3, directReports: 0 }]);
  });

  it("never asks anyone twice: a nominated report stays a report, a nominated manager the manager", () => {
    const { assignments, groups } = plan({
      participants: [person("ana")],
      approvedNominations: [
        { subjectId: "ana", nomineeId: "ben" }, // her direct report
        { subjectId: "ana", nomineeId: "ceo" }, // her manager
        { subjectId: "ana", nomineeId: "ana" }, // herself
        { subjectId: "ana", nomineeId: "eve" },
        { subjectId: "ana", nomineeId: "eve" }, // twice
        { subjectId: "ana", nomineeId: "fay" },
      ],
      maxPeers: 2,
    });
    expect(of(assignments, "ana")).toEqual([
      "direct_report:ben",
      "direct_report:cat",
      "direct_report:dan",
      "manager:ceo",
      "peer:eve",
      "peer:fay",
      "self:ana",
    ]);
    const pairs = assignments.map((a) => `${a.subjectId}>${a.raterId}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    // Skipped nominations do not use up peer places.
    expect(groups).toEqual([{ subjectId: "ana", peers: 2, directReports: 3 }]);
  });

  it("leaves out people who are no longer active: a manager, a report, a nominee", () => {
    const stillActive = chart.filter((p) => !["ana", "cat", "fay"].includes(p.id));
    const { assignments, groups } = plan({
      participants: [person("ben"), person("eve")],
      activePeople: stillActive,
      approvedNominations: [
        { subjectId: "ben", nomineeId: "fay" },
        { subjectId: "ben", nomineeId: "gus" },
      ],
    });
    expect(of(assignments, "ben")).toEqual(["peer:gus", "self:ben"]);
    expect(of(assignments, "eve")).toEqual(["direct_report:gus", "manager:ceo", "self:eve"]);
    expect(groups).toEqual([
      { subjectId: "ben", peers: 1, directReports: 0 },
      { subjectId: "eve", peers: 0, directReports: 1 },
    ]);
  });

  it("allows no peers at all when the maximum is 0", () => {
    const { assignments } = plan({ approvedNominations: [{ subjectId: "ben", nomineeId: "cat" }], maxPeers: 0 });
    expect(assignments.some((a) => a.relationship === "peer")).toBe(false);
  });

  it("lists a participant given twice only once", () => {
    const { assignments, groups } = plan({ participants: [person("hal"), person("hal")] });
    expect(assignments).toHaveLength(2);
    expect(groups).toHaveLength(1);
  });
});

describe("anonymousOutcome: what a report can show of anonymous raters", () => {
  it.each([
    // peers, direct reports, k, outcome
    [0, 0, 3, "none"],
    [2, 0, 3, "none"],
    [0, 2, 3, "none"],
    [1, 1, 3, "none"],
    [3, 0, 3, "separate"],
    [0, 3, 3, "separate"],
    [3, 3, 3, "separate"],
    [8, 5, 5, "separate"],
    [2, 1, 3, "combined_only"],
    [3, 2, 3, "combined_only"], // peers alone would reveal the two reports by difference
    [1, 6, 3, "combined_only"],
    [4, 4, 5, "combined_only"],
    [2, 2, 5, "none"],
  ] as const)("peers %i, direct reports %i, k = %i → %s", (peers, directReports, k, outcome) => {
    expect(anonymousOutcome({ peers, directReports }, k)).toBe(outcome);
  });
});

describe("groupSizeWarnings", () => {
  it("warns about every subject below k, with the consequence in words, and about no one else", () => {
    const warnings = groupSizeWarnings(
      [
        { subjectId: "a", peers: 5, directReports: 0 },
        { subjectId: "b", peers: 2, directReports: 0 },
        { subjectId: "c", peers: 3, directReports: 2 },
        { subjectId: "d", peers: 0, directReports: 2 },
      ],
      3,
    );
    expect(warnings.map((w) => [w.subjectId, w.outcome])).toEqual([
      ["b", "none"],
      ["c", "combined_only"],
      ["d", "none"],
    ]);
    expect(warnings[0]).toMatchObject({ peers: 2, directReports: 0 });
    expect(warnings[0]!.consequence).toBe("No anonymous feedback will be shown; only self and manager answers.");
    expect(warnings[1]!.consequence).toMatch(/^Their report will show anonymous feedback only as one combined group/);
  });

  it("depends on k: the same groups are fine with a smaller k", () => {
    const groups = [{ subjectId: "a", peers: 4, directReports: 4 }];
    expect(groupSizeWarnings(groups, 3)).toEqual([]);
    expect(groupSizeWarnings(groups, 5)).toHaveLength(1);
    expect(groupSizeWarnings(groups, 9)[0]!.outcome).toBe("none");
  });
});
