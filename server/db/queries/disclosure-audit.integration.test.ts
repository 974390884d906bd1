/**
 * The disclosure rule on a real publish: the attack that solved one rater
 * from HR's evidence page, planted and tried again; comments that unlocked
 * on k submitted responses though fewer counted; and the auditor refusing
 * to publish when the stored figures would leak, whatever the SQL before it
 * did.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMPOSITE_AXIS, type AxesOfModel } from "@/server/domain/disclosure";
import { isolatableResponses, type LinearFigure } from "@/test/attacker/linear-system";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { queryRows } from "../rows";
import { cycles, people, responseComments, responseRatings, responses } from "../schema";
import { seedDemoOrganisation } from "../seed/demo";
import { AUDIT_RULES, DisclosureRuleBrokenError } from "./disclosure-audit";
import { publishCycle } from "./publish";

let database: TestDatabase;
let db: TestDatabase["db"];
let modelId: string;
let subjectIds: string[];
let statementsOf: { id: string; competencyId: string; kind: string }[];
let axes: AxesOfModel;
let questionId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await seedDemoOrganisation(db, { people: 30, seed: 5, today: new Date("2026-11-28T12:00:00Z") });
  const [cycle] = await db.select({ modelId: cycles.modelId }).from(cycles).limit(1);
  modelId = cycle!.modelId;
  subjectIds = (await db.select({ id: people.id }).from(people)).map((p) => p.id);
  statementsOf = await queryRows(
    db,
    sql`select s.id, s.competency_id as "competencyId", c.kind::text as kind
        from statements s join competencies c on c.id = s.competency_id where c.model_id = ${modelId}`,
  );
  const competencies = [...new Set(statementsOf.filter((s) => s.kind === "competency").map((s) => s.competencyId))];
  axes = { competencies, visibility: statementsOf.find((s) => s.kind === "visibility")!.competencyId };
  const [question] = await queryRows<{ id: string }>(
    db,
    sql`select id from questions where model_id = ${modelId} and kind = 'open' limit 1`,
  );
  questionId = question!.id;
});
afterAll(async () => {
  await database?.destroy();
});

type Rater = {
  relationship: "peer" | "direct_report";
  answer: (competencyId: string, index: number) => number | null;
  comment?: string;
};

/** A closed cycle about one subject with exactly these anonymous raters. */
async function closedCycleAbout(subjectId: string, raters: Rater[]): Promise<string> {
  return (await plantCycle(subjectId, raters)).cycleId;
}

async function plantCycle(subjectId: string, raters: Rater[]): Promise<{ cycleId: string; responseIds: string[] }> {
  const responseIds: string[] = [];
  const [cycle] = await db
    .insert(cycles)
    .values({
      name: `Planted ${randomUUID()}`,
      status: "closed",
      modelId,
      opensOn: "2026-01-01",
      closesOn: "2026-01-31",
      minGroupSize: 3,
    })
    .returning({ id: cycles.id });
  await db.execute(sql`insert into assignments (cycle_id, subject_id, rater_id, relationship, status)
    values (${cycle!.id}, ${subjectId}, ${subjectId}, 'self', 'pending')`);
  for (const rater of raters) {
    const id = randomUUID();
    responseIds.push(id);
    await db.insert(responses).values({ id, cycleId: cycle!.id, subjectId, relationship: rater.relationship });
    await db
      .insert(responseRatings)
      .values(
        statementsOf.map((s, i) => ({ responseId: id, statementId: s.id, value: rater.answer(s.competencyId, i) })),
      );
    if (rater.comment) await db.insert(responseComments).values({ responseId: id, questionId, body: rater.comment });
  }
  return { cycleId: cycle!.id, responseIds };
}

/** What HR's evidence page reads about the subject: each anonymous figure's n and mean. */
async function readableFigures(cycleId: string) {
  return queryRows<{ axis: string; group: string; n: number; mean: number }>(
    db,
    sql`select competency_id::text as axis, "group"::text as "group", n, mean from published_scores
        where cycle_id = ${cycleId} and "group" in ('others', 'peer', 'direct_report') and not suppressed
        union all
        select ${COMPOSITE_AXIS}, "group"::text, n, mean from published_composites
        where cycle_id = ${cycleId} and "group" in ('others', 'peer', 'direct_report') and not suppressed`,
  );
}

describe("the disclosure rule on a real publish", () => {
  it("leaves nothing to solve when one of eight raters observed none of a competency (the attack on the evidence page)", async () => {
    const skipped = axes.competencies[3]!;
    // Seven raters answer at random; the eighth answers 3 everywhere and "not observed" on one competency.
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647), 1 + (seed % 5));
    const raters: Rater[] = [
      ...Array.from({ length: 7 }, () => ({ relationship: "peer" as const, answer: () => random() })),
      { relationship: "peer", answer: (c) => (c === skipped ? null : 3) },
    ];
    const cycleId = await closedCycleAbout(subjectIds[0]!, raters);
    await publishCycle(db, { cycleId });
    const figures = await readableFigures(cycleId);
    const others = figures.filter((f) => f.group === "others" && f.axis !== axes.visibility);
    // The old publish showed the composite over 8 beside this competency over 7. Now every figure of
    // the composite's axes stands on the same seven raters…
    expect(new Set(others.map((f) => f.n))).toEqual(new Set([7]));
    // …so the attack's subtraction — composite·n·5 minus every competency's sum — gives nothing of the eighth.
    const composite = others.find((f) => f.axis === COMPOSITE_AXIS)!;
    const sums = others.filter((f) => f.axis !== COMPOSITE_AXIS).reduce((sum, f) => sum + f.mean * f.n, 0);
    expect(composite.mean * composite.n * axes.competencies.length - sums).toBeCloseTo(0, 9);
    // And the attacker, given which rater skipped what, finds no combination that isolates fewer than k.
    const ids = raters.map((_, i) => `r${i}`);
    // The eighth observed visibility, so it counts there; on every other axis the seven do.
    const members = (axis: string) => (axis === axes.visibility ? ids : ids.slice(0, 7));
    const equations: LinearFigure[] = figures.map((f) => {
      const weights = new Map<string, number>();
      for (const id of members(f.axis)) {
        if (f.axis === COMPOSITE_AXIS) for (const c of axes.competencies) weights.set(`${id}|${c}`, 1);
        else weights.set(`${id}|${f.axis}`, 1);
      }
      return weights;
    });
    expect(isolatableResponses(equations, ids, 3)).toBeNull();
  });

  it("shows comments only where k responses count in the figures, not merely k were submitted", async () => {
    // Three raters submitted, but one of them observed nothing: two count, so nothing is shown — comments neither.
    const raters: Rater[] = [
      { relationship: "peer", answer: () => 4, comment: "Hands the meeting to whoever knows most." },
      { relationship: "peer", answer: () => 5, comment: "Asks the quiet ones first." },
      { relationship: "peer", answer: () => null, comment: "Has not worked with me much." },
    ];
    const cycleId = await closedCycleAbout(subjectIds[1]!, raters);
    await publishCycle(db, { cycleId });
    expect(await readableFigures(cycleId)).toEqual([]);
    const comments = await queryRows(
      db,
      sql`select body from published_comments where cycle_id = ${cycleId} and "group" = 'others'`,
    );
    expect(comments).toEqual([]);
  });

  it("refuses to publish, naming the rule and no figure, when the stored figures would leak", async () => {
    const raters: Rater[] = [
      ...Array.from({ length: 3 }, () => ({ relationship: "peer" as const, answer: () => 4 })),
      ...Array.from({ length: 2 }, () => ({ relationship: "direct_report" as const, answer: () => 2 })),
    ];
    const cycleId = await closedCycleAbout(subjectIds[2]!, raters);
    // A fault in the SQL before the auditor: the hidden peers' figures stored as shown — others from 5
    // beside peers from 3 would give away the two direct reports.
    await db.execute(sql`create function unhide_for_test() returns trigger language plpgsql as $$
      begin
        if new."group" = 'peer' then new.suppressed := false; new.mean := 4; end if;
        return new;
      end $$`);
    await db.execute(
      sql`create trigger unhide_for_test before insert on published_scores for each row execute function unhide_for_test()`,
    );
    try {
      const refusal = await publishCycle(db, { cycleId }).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(DisclosureRuleBrokenError);
      expect((refusal as DisclosureRuleBrokenError).rules).toContain("figures_not_over_declared");
      expect((refusal as Error).message).toContain(AUDIT_RULES.figures_not_over_declared);
      expect((refusal as Error).message).not.toMatch(/\d\.\d|\b4\b/);
      // Nothing was published: the auditor runs inside the publish transaction.
      const [cycle] = await queryRows<{ status: string }>(
        db,
        sql`select status::text from cycles where id = ${cycleId}`,
      );
      expect(cycle!.status).toBe("closed");
      expect(await queryRows(db, sql`select 1 from published_scores where cycle_id = ${cycleId}`)).toEqual([]);
    } finally {
      await db.execute(sql`drop trigger unhide_for_test on published_scores`);
      await db.execute(sql`drop function unhide_for_test()`);
    }
    await publishCycle(db, { cycleId });
    const shown = await readableFigures(cycleId);
    expect(shown.every((f) => f.group === "others" && f.n === 5)).toBe(true);
  });

  it("refuses to publish when the declared sets themselves would leave a rater alone in a cell", async () => {
    const skipped = axes.competencies[1]!;
    const raters: Rater[] = [
      ...Array.from({ length: 7 }, () => ({ relationship: "peer" as const, answer: () => 4 })),
      { relationship: "peer", answer: (c) => (c === skipped ? null : 3) },
    ];
    const { cycleId, responseIds } = await plantCycle(subjectIds[3]!, raters);
    const partial = responseIds[7]!;
    // A fault of the old kind: the partial rater counted on the competencies it observed beside
    // a composite without it, with stored counts to match — consistent, and leaking.
    await db.execute(
      sql.raw(`create function count_partial_for_test() returns trigger language plpgsql as $$
      begin
        insert into pub_members (response_id, subject_id, unit, competency_id, score)
          select '${partial}'::uuid, subject_id, 'others', competency_id, 3 from pub_members
          where response_id = '${responseIds[0]}'::uuid and competency_id in
            (select id from competencies where kind = 'competency' and id <> '${skipped}'::uuid);
        update published_scores set n = n + 1
          where cycle_id = '${cycleId}'::uuid and "group" = 'others' and not suppressed
            and competency_id in (select id from competencies where kind = 'competency' and id <> '${skipped}'::uuid);
        return null;
      end $$`),
    );
    await db.execute(sql`create trigger count_partial_for_test after insert on published_scores
      for each statement execute function count_partial_for_test()`);
    try {
      const refusal = await publishCycle(db, { cycleId }).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(DisclosureRuleBrokenError);
      expect((refusal as DisclosureRuleBrokenError).rules).toEqual(["isolatable_cell"]);
      expect(await queryRows(db, sql`select 1 from published_scores where cycle_id = ${cycleId}`)).toEqual([]);
    } finally {
      await db.execute(sql`drop trigger count_partial_for_test on published_scores`);
      await db.execute(sql`drop function count_partial_for_test()`);
    }
  });
});
