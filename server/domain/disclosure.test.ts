import { describe, expect, it } from "vitest";
import { shownLinearFigures } from "@/test/attacker/figures";
import { isolatableResponses, rankExact } from "@/test/attacker/linear-system";
import {
  COMPOSITE_AXIS,
  countedSets,
  disclosureBreaches,
  poolSmallDepartments,
  suppressWithComplements,
  type AxesOfModel,
  type FigureSet,
  type ObservedResponse,
} from "./disclosure";
import { createRng } from "./random";

const axes: AxesOfModel = { competencies: ["sa", "eo", "sc", "li", "sib"], visibility: "vi" };
const ALL = [...axes.competencies, axes.visibility!];

function response(id: string, kind: ObservedResponse["kind"], skipped: string[] = []): ObservedResponse {
  return { id, kind, observed: new Set(ALL.filter((a) => !skipped.includes(a))) };
}
const figure = (figures: FigureSet[], group: string, axis: string) =>
  figures.find((f) => f.group === group && f.axis === axis);

/** Every set a naive rule would publish: each axis over everyone who observed it. */
function naiveSets(responses: ObservedResponse[], k: number): FigureSet[] {
  return [COMPOSITE_AXIS, ...ALL].map((axis) => {
    const members = responses
      .filter((r) => (axis === COMPOSITE_AXIS ? r.observed.size > 0 : r.observed.has(axis)))
      .map((r) => r.id);
    return { group: "others", axis, members, shown: members.length >= k, observed: members.length };
  });
}

describe("the disclosure rule", () => {
  it("stops the attack that solved one rater: eight raters, one of whom observed nothing of one competency", () => {
    const responses = [
      ...Array.from({ length: 7 }, (_, i) => response(`r${i}`, "peer")),
      response("x", "peer", ["li"]),
    ];
    // The old rule published the composite over 8 and "listening" over 7: the attacker isolates x.
    const naive = naiveSets(responses, 3);
    expect(
      isolatableResponses(
        shownLinearFigures(naive, axes),
        responses.map((r) => r.id),
        3,
      ),
    ).toContain("x");
    expect(disclosureBreaches(naive, axes, 3)).toContain("isolatable_cell");

    const sets = countedSets(responses, axes, 3);
    // x's competency answers count nowhere: every figure of the composite's axes stands on the same
    // seven raters. (Visibility is outside the composite, a system of its own: x counts there.)
    for (const f of sets.filter((f) => f.axis !== "vi")) expect(f.members).not.toContain("x");
    expect(figure(sets, "others", "vi")!.members).toContain("x");
    expect(new Set(sets.filter((f) => f.axis !== "vi").map((f) => f.members.length))).toEqual(new Set([7]));
    expect(disclosureBreaches(sets, axes, 3)).toEqual([]);
    expect(
      isolatableResponses(
        shownLinearFigures(sets, axes),
        responses.map((r) => r.id),
        3,
      ),
    ).toBeNull();
  });

  it("counts partial raters for what they observed when at least k of them stand together", () => {
    const responses = [
      ...Array.from({ length: 4 }, (_, i) => response(`f${i}`, "peer")),
      response("x", "peer", ["li"]),
      response("y", "direct_report", ["sib"]),
      response("z", "peer", ["sc"]),
    ];
    const sets = countedSets(responses, axes, 3);
    expect(figure(sets, "others", COMPOSITE_AXIS)!.members).toHaveLength(4);
    // Self-awareness: all three partial raters observed it, so they count together.
    expect(figure(sets, "others", "sa")!.members).toHaveLength(7);
    // Listening: only y and z beside the complete ones — two, fewer than k, so neither counts.
    expect(figure(sets, "others", "li")!.members).toHaveLength(4);
    expect(disclosureBreaches(sets, axes, 3)).toEqual([]);
    expect(
      isolatableResponses(
        shownLinearFigures(sets, axes),
        responses.map((r) => r.id),
        3,
      ),
    ).toBeNull();
  });

  it("splits peers and direct reports only when each kind has k complete responses", () => {
    const peers = Array.from({ length: 3 }, (_, i) => response(`p${i}`, "peer"));
    const reports = [
      response("d0", "direct_report"),
      response("d1", "direct_report"),
      response("d2", "direct_report", ["eo"]),
    ];
    const sets = countedSets([...peers, ...reports], axes, 3);
    expect(figure(sets, "peer", COMPOSITE_AXIS)!.shown).toBe(false);
    expect(figure(sets, "direct_report", COMPOSITE_AXIS)!.observed).toBe(2);
    const both = countedSets([...peers, ...reports, response("d3", "direct_report")], axes, 3);
    expect(figure(both, "peer", COMPOSITE_AXIS)!.shown).toBe(true);
    expect(figure(both, "direct_report", COMPOSITE_AXIS)!.members).toEqual(["d0", "d1", "d3"]);
    expect(disclosureBreaches(both, axes, 3)).toEqual([]);
  });

  it("hides everything below k and stores the count it had", () => {
    const sets = countedSets([response("a", "peer"), response("b", "peer")], axes, 3);
    expect(sets.every((f) => !f.shown && f.members.length === 0)).toBe(true);
    expect(figure(sets, "others", "sa")!.observed).toBe(2);
  });

  it("refuses a k below 3", () => {
    expect(() => countedSets([], axes, 2)).toThrow(RangeError);
  });

  it("leaves nothing an attacker can isolate, for any mix of raters and not-observed patterns", () => {
    const rng = createRng("disclosure-property");
    let partialSeen = 0;
    let splitSeen = 0;
    for (let trial = 0; trial < 400; trial++) {
      const k = rng.int(3, 5);
      const skipRate = rng.pick([0, 0.1, 0.3, 0.6]);
      const responses = Array.from({ length: rng.int(0, 6) + rng.int(0, 6) }, (_, i) =>
        response(
          `r${i}`,
          rng.chance(0.5) ? "peer" : "direct_report",
          ALL.filter(() => rng.chance(skipRate)),
        ),
      );
      const sets = countedSets(responses, axes, k);
      expect(disclosureBreaches(sets, axes, k), `trial ${trial}`).toEqual([]);
      const leak = isolatableResponses(
        shownLinearFigures(sets, axes),
        responses.map((r) => r.id),
        k,
      );
      expect(leak, `trial ${trial}, k=${k}: ${JSON.stringify(sets)}`).toBeNull();
      partialSeen += sets.some(
        (f) =>
          f.shown &&
          f.axis !== COMPOSITE_AXIS &&
          f.members.length > (figure(sets, f.group, COMPOSITE_AXIS)?.members.length ?? 0),
      )
        ? 1
        : 0;
      splitSeen += sets.some((f) => f.group === "peer" && f.shown) ? 1 : 0;
    }
    expect(partialSeen).toBeGreaterThan(0);
    expect(splitSeen).toBeGreaterThan(0);
  });
});

describe("the attacker's arithmetic", () => {
  it("computes the rational rank exactly", () => {
    expect(
      rankExact([
        [1, 2],
        [2, 4],
      ]),
    ).toBe(1);
    expect(
      rankExact([
        [1, 1, 0],
        [0, 1, 1],
        [1, 0, 1],
      ]),
    ).toBe(3);
    expect(rankExact([[0, 0]])).toBe(0);
  });

  it("finds the one direct report inside others from 4 and peers from 3", () => {
    const others = new Map(["a", "b", "c", "d"].map((r) => [`${r}|x`, 1]));
    const peers = new Map(["a", "b", "c"].map((r) => [`${r}|x`, 1]));
    expect(isolatableResponses([others, peers], ["a", "b", "c", "d"], 3)).toEqual(["a", "d"]);
    expect(isolatableResponses([others], ["a", "b", "c", "d"], 3)).toBeNull();
  });
});

describe("secondary suppression", () => {
  it("hides a second department when one alone would be recovered from the total", () => {
    // One person in Legal: the organisation's mean minus the shown departments would be theirs.
    expect(suppressWithComplements([12, 5, 1], 3)).toEqual([true, false, false]);
    expect(suppressWithComplements([12, 5, 1, 2], 3)).toEqual([true, true, false, false]);
    expect(suppressWithComplements([12, 5, 4], 3)).toEqual([true, true, true]);
    expect(suppressWithComplements([2], 3)).toEqual([false]);
    expect(suppressWithComplements([0, 4, 6], 3)).toEqual([true, true, true]);
  });

  it("never leaves hidden cells that together hold 1 … k−1 people", () => {
    const rng = createRng("secondary-suppression");
    for (let trial = 0; trial < 5000; trial++) {
      const k = rng.int(3, 6);
      const people = Array.from({ length: rng.int(1, 8) }, () => rng.int(0, 12));
      const shown = suppressWithComplements(people, k);
      const hidden = people.reduce((sum, n, i) => sum + (shown[i] ? 0 : n), 0);
      // Everyone hidden leaves only the total, which the caller shows only from k people.
      const allHidden = people.every((n, i) => n === 0 || !shown[i]);
      expect(hidden === 0 || hidden >= k || allHidden, JSON.stringify({ people, k, shown })).toBe(true);
      people.forEach((n, i) => shown[i] && expect(n === 0 || n >= k).toBe(true));
    }
  });
});

describe("pooling small departments", () => {
  const row = (department: string, participants: number) => ({ department, participants, submitted: participants * 2 });

  it("pools a one-person department with the smallest other, last, saying how many it holds", () => {
    expect(poolSmallDepartments([row("Sales", 12), row("Legal", 1), row("Design", 5)], 3)).toEqual([
      row("Sales", 12),
      { department: "2 smaller departments together", participants: 6, submitted: 12 },
    ]);
  });

  it("leaves a table of large departments as it is, and pools everything when all are small", () => {
    expect(poolSmallDepartments([row("Sales", 12), row("Design", 5)], 3)).toEqual([row("Sales", 12), row("Design", 5)]);
    expect(poolSmallDepartments([row("Legal", 1)], 3)).toEqual([row("Legal", 1)]);
    expect(poolSmallDepartments([row("Legal", 1), row("Design", 1)], 3)).toEqual([
      { department: "2 smaller departments together", participants: 2, submitted: 4 },
    ]);
  });
});
