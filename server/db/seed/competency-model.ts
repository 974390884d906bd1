import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { DEFAULT_AXES, DEFAULT_MODEL_NAME, DEFAULT_QUESTIONS, type AxisKey } from "../../domain/competency-model";
import type { Db } from "../engines";
import { competencies, competencyModels, questions, statements } from "../schema";

export interface SeededModel {
  modelId: string;
  statementIdByKey: Map<string, string>;
  /** Open questions by the competency their example illustrates (null: general). */
  openQuestionIdByAxis: Map<AxisKey | null, string>;
  reflectionQuestionIds: string[];
}

/** Writes the default competency model (DESIGN.md) as rows a cycle can point at. */
export async function insertDefaultCompetencyModel(db: Db): Promise<SeededModel> {
  return db.transaction(async (tx) => {
    const [model] = await tx.insert(competencyModels).values({ name: DEFAULT_MODEL_NAME }).returning();
    const modelId = model!.id;
    const axisRows = await tx
      .insert(competencies)
      .values(
        DEFAULT_AXES.map((axis, position) => ({
          modelId,
          key: axis.key,
          kind: axis.kind,
          position,
          name: axis.name,
          description: axis.description,
        })),
      )
      .returning({ id: competencies.id, key: competencies.key });
    const axisIdByKey = new Map(axisRows.map((r) => [r.key as AxisKey, r.id]));

    const statementRows = await tx
      .insert(statements)
      .values(
        DEFAULT_AXES.flatMap((axis) =>
          axis.statements.map((statement, position) => ({
            competencyId: axisIdByKey.get(axis.key)!,
            key: statement.key,
            position,
            text: statement.text,
            selfText: statement.selfText,
            reverseScored: statement.reverseScored,
          })),
        ),
      )
      .returning({ id: statements.id, key: statements.key });

    const questionRows = await tx
      .insert(questions)
      .values(
        DEFAULT_QUESTIONS.map((question, position) => ({
          modelId,
          key: question.key,
          kind: question.kind,
          competencyId: question.axisKey ? axisIdByKey.get(question.axisKey)! : null,
          position,
          prompt: question.prompt,
          hint: question.hint,
        })),
      )
      .returning({ id: questions.id, key: questions.key });
    return seededModel(modelId, statementRows, questionRows);
  });
}

type KeyedRow = { id: string; key: string };

function seededModel(modelId: string, statementRows: KeyedRow[], questionRows: KeyedRow[]): SeededModel {
  const questionIdByKey = new Map(questionRows.map((r) => [r.key, r.id]));
  return {
    modelId,
    statementIdByKey: new Map(statementRows.map((r) => [r.key, r.id])),
    openQuestionIdByAxis: new Map(
      DEFAULT_QUESTIONS.filter((q) => q.kind === "open").map((q) => [q.axisKey, questionIdByKey.get(q.key)!]),
    ),
    reflectionQuestionIds: DEFAULT_QUESTIONS.filter((q) => q.kind === "reflection").map((q) =>
      questionIdByKey.get(q.key)!,
    ),
  };
}

/**
 * The default competency model, written once: every database gets it when
 * the app starts or is set up, so a company's own database can run a cycle
 * without the demo. Two servers starting at once write it once (an advisory
 * lock held for the transaction); the demo and later starts reuse it.
 */
export async function defaultCompetencyModel(db: Db): Promise<SeededModel & { created: boolean }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('undercurrent: the default competency model'))`);
    const [existing] = await tx
      .select({ id: competencyModels.id })
      .from(competencyModels)
      .where(eq(competencyModels.name, DEFAULT_MODEL_NAME))
      .orderBy(asc(competencyModels.createdAt), asc(competencyModels.id))
      .limit(1);
    if (!existing) return { ...(await insertDefaultCompetencyModel(tx)), created: true };
    const statementRows = await tx
      .select({ id: statements.id, key: statements.key })
      .from(statements)
      .innerJoin(competencies, eq(competencies.id, statements.competencyId))
      .where(eq(competencies.modelId, existing.id));
    const questionRows = await tx
      .select({ id: questions.id, key: questions.key })
      .from(questions)
      .where(eq(questions.modelId, existing.id));
    return { ...seededModel(existing.id, statementRows, questionRows), created: false };
  });
}
