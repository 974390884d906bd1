/**
 * Publishing, checked against the reference definitions in server/domain:
 * every stored figure is recomputed here in plain TypeScript from the raw
 * responses, and the anonymity rules are checked on every stored row.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  COMPOSITE_AXIS,
  countedSets,
  disclosureBreaches,
  type AxesOfModel,
  type ObservedResponse,
} from "@/server/domain/disclosure";
import {
  estimateVarianceComponents,
  responseCompetencyScore,
  shrinkTowardOrgMean,
  shrunkInterval,
  summariseSample,
} from "@/server/domain/scoring";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { queryRows } from "../rows";
import { seedDemoOrganisation } from "../seed/demo";
import { closeCycle } from "./close-cycle";
import { PUBLISH_STEPS, publishCycle, type PublishProgress } from "./publish";
import { Refusal } from "../../domain/refusal";

let database: TestDatabase;
let db: TestDatabase["db"];
let closedCycleId: string;
let collectingCycleId: string;
const K = 3;

type Row = {
  subject_id: string;
  competency_id: string;
  group: string;
  n: number;
  suppressed: boolean;
  mean: number | null;
  sd: number | null;
  ci_low: number | null;
  ci_high: number | null;
  shrunk_mean: number | null;
  distribution: number[] | null;
  difference_from_others: number | null;
  agreement: string | null;
};

async function publishedRows(cycleId: string): Promise<Row[]> {
  return queryRows<Row>(
    db,
    sql`select subject_id, competency_id, "group"::text as "group", n, suppressed, mean, sd, ci_low, ci_high, shrunk_mean,
               distribution, difference_from_others, agreement::text as agreement
        from published_scores where cycle_id = ${cycleId}
        order by subject_id, competency_id, "group"`,
  );
}

/** Every response's score per competency, computed in TypeScript from the raw answers. */
async function referenceScores(cycleId: string) {
  const answers = await queryRows<{
    response_id: string;
    subject_id: string;
    relationship: string;
    competency_id: string;
    kind: string;
    value: number | null;
    reverse_scored: boolean;
  }>(
    db,
    sql`select r.id as response_id, r.subject_id, r.relationship::text as relationship, s.competency_id, c.kind::text as kind,
               rr.value, s.reverse_scored
        from responses r join response_ratings rr on rr.response_id = r.id join statements s on s.id = rr.statement_id
        join competencies c on c.id = s.competency_id
        where r.cycle_id = ${cycleId}`,
  );
  const byResponse = new Map<
    string,
    {
      response: string;
      subject: string;
      relationship: string;
      competency: string;
      kind: string;
      answers: { value: number | null; reverseScored: boolean }[];
    }
  >();
  for (const a of answers) {
    const key = `${a.response_id}|${a.competency_id}`;
    const entry = byResponse.get(key) ?? {
      response: a.response_id,
      subject: a.subject_id,
      relationship: a.relationship,
      competency: a.competency_id,
      kind: a.kind,
      answers: [],
    };
    entry.answers.push({ value: a.value === null ? null : Number(a.value), reverseScored: a.reverse_scored });
    byResponse.set(key, entry);
  }
  return [...byResponse.values()]
    .map((e) => ({ ...e, score: responseCompetencyScore(e.answers) }))
    .filter((e): e is typeof e & { score: number } => e.score !== null);
}

type ReferenceScore = Awaited<ReturnType<typeof referenceScores>>[number];

async function axesOf(cycleId: string): Promise<AxesOfModel> {
  const rows = await queryRows<{ id: string; kind: string }>(
    db,
    sql`select co.id, co.kind::text as kind from competencies co join cycles c on c.model_id = co.model_id where c.id = ${cycleId}`,
  );
  return {
    competencies: rows.filter((r) => r.kind === "competency").map((r) => r.id),
    visibility: rows.find((r) => r.kind === "visibility")?.id ?? null,
  };
}

/**
 * Every figure's members by the reference rule (server/domain/disclosure.ts),
 * with each member's score on the figure's axis: what publishing must have
 * computed each stored row over. Keyed `subject|axis|group`; the composite's
 * axis is "composite".
 */
function referenceFigures(scores: readonly ReferenceScore[], axes: AxesOfModel) {
  const anonymous = (r: string) => r === "peer" || r === "direct_report";
  const score = new Map(scores.map((s) => [`${s.response}|${s.competency}`, s.score]));
  const composite = (response: string, observed: string[]) => {
    const values = axes.competencies.filter((c) => observed.includes(c)).map((c) => score.get(`${response}|${c}`)!);
    return values.reduce((a, b) => a + b, 0) / values.length;
  };
  const responses = new Map<string, { subject: string; relationship: string; observed: string[] }>();
  for (const s of scores) {
    const entry = responses.get(s.response) ?? { subject: s.subject, relationship: s.relationship, observed: [] };
    entry.observed.push(s.competency);
    responses.set(s.response, entry);
  }
  const figures = new Map<string, { shown: boolean; n: number; values: number[]; members: string[] }>();
  for (const subject of new Set([...responses.values()].map((r) => r.subject))) {
    const mine = [...responses.entries()].filter(([, r]) => r.subject === subject);
    const observed: ObservedResponse[] = mine
      .filter(([, r]) => anonymous(r.relationship))
      .map(([id, r]) => ({ id, kind: r.relationship as ObservedResponse["kind"], observed: new Set(r.observed) }));
    for (const f of countedSets(observed, axes, K)) {
      const values = f.members.map((m) =>
        f.axis === COMPOSITE_AXIS ? composite(m, responses.get(m)!.observed) : score.get(`${m}|${f.axis}`)!,
      );
      figures.set(`${subject}|${f.axis}|${f.group}`, {
        shown: f.shown,
        n: f.shown ? f.members.length : f.observed,
        values,
        members: f.members,
      });
    }
    // Attributed answers stand alone, the composite over what they observed.
    for (const [id, r] of mine.filter(([, r]) => !anonymous(r.relationship))) {
      for (const axis of r.observed)
        figures.set(`${subject}|${axis}|${r.relationship}`, {
          shown: true,
          n: 1,
          values: [score.get(`${id}|${axis}`)!],
          members: [id],
        });
      if (axes.competencies.some((c) => r.observed.includes(c))) {
        figures.set(`${subject}|${COMPOSITE_AXIS}|${r.relationship}`, {
          shown: true,
          n: 1,
          values: [composite(id, r.observed)],
          members: [id],
        });
      }
    }
  }
  return figures;
}

/** The organisation's prior per axis, from every subject's shown others figure only. */
function referenceComponents(figures: ReturnType<typeof referenceFigures>, axis: string) {
  const groups = [...figures.entries()]
    .filter(([key, f]) => key.endsWith(`|${axis}|others`) && f.shown)
    .map(([, f]) => ({ values: f.values }));
  return estimateVarianceComponents(groups)!;
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  const seeded = await seedDemoOrganisation(db, { people: 60, seed: 11, today: new Date("2026-11-28T12:00:00Z") });
  [closedCycleId, collectingCycleId] = seeded.cycles.map((c) => c.cycleId) as [string, string];
});
afterAll(async () => {
  await database?.destroy();
});

describe("publishing a closed cycle", () => {
  it("refuses a cycle that is still collecting", async () => {
    await expect(publishCycle(db, { cycleId: collectingCycleId })).rejects.toMatchObject({
      kind: "precondition_failed",
    });
    await expect(publishCycle(db, { cycleId: collectingCycleId })).rejects.toBeInstanceOf(Refusal);
  });

  it("stores figures equal to the reference definitions, computed from the raw answers", async () => {
    const summary = await publishCycle(db, { cycleId: closedCycleId });
    expect(summary.figures).toBeGreaterThan(0);
    const rows = await publishedRows(closedCycleId);
    const figures = referenceFigures(await referenceScores(closedCycleId), await axesOf(closedCycleId));

    let checked = 0;
    for (const row of rows) {
      const reference = figures.get(`${row.subject_id}|${row.competency_id}|${row.group}`) ?? {
        shown: false,
        n: 0,
        values: [],
      };
      expect(row.n, `${row.group} n`).toBe(reference.n);
      expect(row.suppressed, `${row.group} hidden`).toBe(!reference.shown);
      if (row.suppressed) {
        expect([row.mean, row.sd, row.distribution]).toEqual([null, null, null]);
        continue;
      }
      const expected = summariseSample(reference.values);
      expect(row.mean!).toBeCloseTo(expected.mean!, 9);
      if (expected.sd === null) expect(row.sd).toBeNull();
      else {
        expect(row.sd!).toBeCloseTo(expected.sd, 9);
        expect(row.ci_low!).toBeCloseTo(expected.ciLow!, 9);
        expect(row.ci_high!).toBeCloseTo(expected.ciHigh!, 9);
      }
      const distribution = [1, 2, 3, 4, 5].map((v) => reference.values.filter((x) => Math.floor(x + 0.5) === v).length);
      expect(row.distribution).toEqual(distribution);
      if (row.group === "others") {
        expect(row.shrunk_mean!).toBeCloseTo(
          shrinkTowardOrgMean(expected.mean!, expected.n, referenceComponents(figures, row.competency_id)),
          9,
        );
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("stores the composite — each response's mean over the five competencies, from raters who observed all five — by the same definitions", async () => {
    const figures = referenceFigures(await referenceScores(closedCycleId), await axesOf(closedCycleId));
    const components = referenceComponents(figures, COMPOSITE_AXIS);

    const rows = await queryRows<
      Omit<Row, "competency_id" | "distribution"> & { shrunk_low: number | null; shrunk_high: number | null }
    >(
      db,
      sql`select subject_id, "group"::text as "group", n, suppressed, mean, sd, ci_low, ci_high, shrunk_mean,
                 shrunk_low, shrunk_high, difference_from_others, agreement::text as agreement
          from published_composites where cycle_id = ${closedCycleId}`,
    );
    const [subjectCount] = await queryRows<{ n: number }>(
      db,
      sql`select count(distinct subject_id)::int as n from assignments where cycle_id = ${closedCycleId}`,
    );
    expect(rows.filter((r) => r.group === "others")).toHaveLength(Number(subjectCount!.n));
    let shown = 0;
    for (const row of rows) {
      const reference = figures.get(`${row.subject_id}|${COMPOSITE_AXIS}|${row.group}`) ?? {
        shown: false,
        n: 0,
        values: [],
      };
      expect(row.n).toBe(reference.n);
      expect(row.suppressed).toBe(!reference.shown);
      if (!row.suppressed && row.group !== "self" && row.group !== "manager") expect(row.n).toBeGreaterThanOrEqual(K);
      if (row.suppressed) {
        expect([row.mean, row.sd, row.shrunk_mean]).toEqual([null, null, null]);
        continue;
      }
      const expected = summariseSample(reference.values);
      expect(row.mean!).toBeCloseTo(expected.mean!, 9);
      if (expected.sd !== null) expect(row.ci_low!).toBeCloseTo(expected.ciLow!, 9);
      if (row.group === "others") {
        expect(row.shrunk_mean!).toBeCloseTo(shrinkTowardOrgMean(expected.mean!, expected.n, components), 9);
        const range = shrunkInterval(expected.mean!, expected.n, components);
        expect(row.shrunk_low!).toBeCloseTo(range.low, 9);
        expect(row.shrunk_high!).toBeCloseTo(range.high, 9);
        shown++;
      }
    }
    expect(shown).toBeGreaterThan(10);
    // The manager's composite against the others': the gap a promotion panel reads.
    const others = new Map(rows.filter((r) => r.group === "others" && !r.suppressed).map((r) => [r.subject_id, r]));
    for (const r of rows.filter((r) => r.group === "manager")) {
      const o = others.get(r.subject_id);
      if (o) expect(r.difference_from_others!).toBeCloseTo(r.mean! - o.mean!, 9);
      else expect(r.difference_from_others).toBeNull();
    }
  });

  it("never shows an anonymous group below k, nor nested groups that differ by 1 … k−1, nor attributed answers among the anonymous", async () => {
    const rows = await publishedRows(closedCycleId);
    const bySubjectAxis = new Map<string, Row[]>();
    for (const r of rows) {
      const key = `${r.subject_id}|${r.competency_id}`;
      bySubjectAxis.set(key, [...(bySubjectAxis.get(key) ?? []), r]);
    }
    for (const group of bySubjectAxis.values()) {
      const shown = group.filter((r) => !r.suppressed && ["others", "peer", "direct_report"].includes(r.group));
      for (const r of shown) expect(r.n).toBeGreaterThanOrEqual(K);
      const others = group.find((r) => r.group === "others")!;
      expect(others.suppressed).toBe(others.n < K);
      for (const part of shown.filter((r) => r.group !== "others")) {
        const difference = others.n - part.n;
        expect(difference === 0 || difference >= K).toBe(true);
      }
      // Peers and direct reports are both stored or neither, and shown together or not at all.
      const peer = group.find((r) => r.group === "peer");
      const report = group.find((r) => r.group === "direct_report");
      expect(!!peer).toBe(!!report);
      if (peer && report) expect(peer.suppressed).toBe(report.suppressed);
    }
    // And over everything readable about a person at once: no cell of 1 … k−1 responses on any axis.
    const axes = await axesOf(closedCycleId);
    const figures = referenceFigures(await referenceScores(closedCycleId), axes);
    for (const subject of new Set(rows.map((r) => r.subject_id))) {
      const sets = [...figures.entries()]
        .filter(([key]) => key.startsWith(`${subject}|`) && !key.endsWith("|self") && !key.endsWith("|manager"))
        .map(([key, f]) => ({
          axis: key.split("|")[1]!,
          group: key.split("|")[2] as "others",
          members: f.members,
          shown: f.shown,
        }));
      expect(disclosureBreaches(sets, axes, K), subject).toEqual([]);
    }
    // Self and manager rows carry one attributed answer each; others never count them.
    for (const r of rows.filter((r) => r.group === "self" || r.group === "manager")) expect(r.n).toBe(1);
  });

  it("compares self and manager with the others, and flags agreement from the interval", async () => {
    const rows = await publishedRows(closedCycleId);
    const others = new Map(
      rows.filter((r) => r.group === "others").map((r) => [`${r.subject_id}|${r.competency_id}`, r]),
    );
    let flagged = 0;
    for (const r of rows.filter((r) => r.group === "self" || r.group === "manager")) {
      const o = others.get(`${r.subject_id}|${r.competency_id}`)!;
      if (o.suppressed) {
        expect(r.difference_from_others).toBeNull();
        expect(r.agreement).toBeNull();
        continue;
      }
      expect(r.difference_from_others!).toBeCloseTo(r.mean! - o.mean!, 9);
      if (r.group === "self") {
        const expected = r.mean! > o.ci_high! ? "blind_spot" : r.mean! < o.ci_low! ? "hidden_strength" : "in_line";
        expect(r.agreement).toBe(expected);
        flagged++;
      } else expect(r.agreement).toBeNull();
    }
    expect(flagged).toBeGreaterThan(0);
  });

  it("publishes comments only behind k anonymous responses, with nothing linking them to a response", async () => {
    const columns = await queryRows<{ column_name: string }>(
      db,
      sql`select column_name from information_schema.columns where table_name = 'published_comments' order by ordinal_position`,
    );
    expect(columns.map((c) => c.column_name)).toEqual(["id", "cycle_id", "subject_id", "question_id", "group", "body"]);
    const shown = await queryRows<{ subject_id: string; group: string; anonymous: number }>(
      db,
      sql`select pc.subject_id, pc."group"::text as "group",
                 (select count(*)::int from responses r where r.cycle_id = pc.cycle_id and r.subject_id = pc.subject_id
                    and r.relationship in ('peer', 'direct_report')) as anonymous
          from published_comments pc where pc.cycle_id = ${closedCycleId}`,
    );
    expect(shown.length).toBeGreaterThan(0);
    for (const c of shown.filter((c) => c.group === "others")) expect(Number(c.anonymous)).toBeGreaterThanOrEqual(K);
    // Behind them, k responses that count in the figures, not merely k submitted.
    const composites = await queryRows<{ subject_id: string; n: number; suppressed: boolean }>(
      db,
      sql`select subject_id, n, suppressed from published_composites where cycle_id = ${closedCycleId} and "group" = 'others'`,
    );
    const composite = new Map(composites.map((c) => [c.subject_id, c]));
    for (const c of shown.filter((c) => c.group === "others")) {
      expect(composite.get(c.subject_id)!.suppressed).toBe(false);
      expect(composite.get(c.subject_id)!.n).toBeGreaterThanOrEqual(K);
    }
  });

  it("gives identical figures when published again", async () => {
    const composites = () =>
      queryRows(
        db,
        sql`select * from published_composites where cycle_id = ${closedCycleId} order by subject_id, "group"`,
      );
    const first = await publishedRows(closedCycleId);
    const firstComposites = await composites();
    await publishCycle(db, { cycleId: closedCycleId });
    expect(await publishedRows(closedCycleId)).toEqual(first);
    expect(await composites()).toEqual(firstComposites);
  });

  it("reports each step of PUBLISH_STEPS as it begins, then runs beforeCommit on the finished publish", async () => {
    const seen: PublishProgress[] = [];
    let beforeCommit: { stepsSeen: number; status: string | undefined } | undefined;
    const summary = await publishCycle(db, {
      cycleId: closedCycleId,
      onProgress: (progress) => seen.push(progress),
      beforeCommit: async (tx) => {
        const [cycle] = await queryRows<{ status: string }>(
          tx,
          sql`select status from cycles where id = ${closedCycleId}`,
        );
        beforeCommit = { stepsSeen: seen.length, status: cycle?.status };
      },
    });
    expect(seen).toEqual(PUBLISH_STEPS.map((label, i) => ({ step: i + 1, steps: PUBLISH_STEPS.length, label })));
    expect(beforeCommit).toEqual({ stepsSeen: PUBLISH_STEPS.length, status: "published" });
    expect(summary.figures).toBeGreaterThan(0);
  });

  it("leaves nothing half-published when it fails midway", async () => {
    await closeCycle(db, { cycleId: collectingCycleId });
    // Make the last step (copying comments) fail, after the scores were written.
    await db.execute(sql`alter table published_comments add constraint fail_for_test check (false) not valid`);
    try {
      await expect(publishCycle(db, { cycleId: collectingCycleId })).rejects.toThrow();
      expect(await publishedRows(collectingCycleId)).toEqual([]);
      expect(
        await queryRows(db, sql`select 1 from published_composites where cycle_id = ${collectingCycleId}`),
      ).toEqual([]);
      const [cycle] = await queryRows<{ status: string }>(
        db,
        sql`select status from cycles where id = ${collectingCycleId}`,
      );
      expect(cycle!.status).toBe("closed");
    } finally {
      await db.execute(sql`alter table published_comments drop constraint fail_for_test`);
    }
    const summary = await publishCycle(db, { cycleId: collectingCycleId });
    expect(summary.figures).toBeGreaterThan(0);
  });
});
