/** A rater's request as every write reads it, and the rules it must meet to take answers. */
import "server-only";
import { sql } from "drizzle-orm";
import { type Answers, findAnswerProblems, type FormShape } from "../../../../lib/answers";
import { Refusal } from "../../../domain/refusal";
import type { Db } from "../../engines";
import { queryRows } from "../../rows";
import type { QuestionKind, Relationship, RequestStatus } from "../../../../lib/vocabulary";

export const notFound = () =>
  new Refusal("not_found", "This feedback request does not exist, or it is not addressed to you.");

export function closedMessage(cycle: { name: string; closesOn: string; closedOn: string | null }, draftKept: boolean) {
  const when = cycle.closedOn ?? cycle.closesOn;
  return `${cycle.name} closed on ${when} and no longer takes answers.${draftKept ? " Your answers are kept in your draft." : ""}`;
}

export interface RequestContext {
  assignment_id: string;
  cycle_id: string;
  subject_id: string;
  relationship: Relationship;
  status: RequestStatus;
  draft: Answers | null;
  draft_saved_at: Date | string | null;
  draft_version: number;
  draft_page: string | null;
  draft_page_save: number | null;
  subject_name: string;
  subject_title: string;
  cycle_name: string;
  cycle_status: string;
  closes_on: string;
  closed_on: string | null;
  min_group_size: number;
  model_id: string;
}

/** Which request, and who is asking: every read and write of a request names its rater. */
export interface RequestOfRater {
  assignmentId: string;
  raterId: string;
}

/** The request, only if it is addressed to `raterId` and its subject is still active. */
export async function findRequest(
  db: Db,
  { assignmentId, raterId }: RequestOfRater,
): Promise<RequestContext | undefined> {
  const [row] = await queryRows<RequestContext & Record<string, unknown>>(
    db,
    sql`select a.id as assignment_id, a.cycle_id, a.subject_id, a.relationship, a.status, a.draft, a.draft_saved_at, a.draft_version,
               a.draft_page, a.draft_page_save, s.name as subject_name, s.title as subject_title,
               c.name as cycle_name, c.status as cycle_status, c.closes_on::text as closes_on,
               (c.closed_at at time zone 'UTC')::date::text as closed_on, c.min_group_size, c.model_id
        from assignments a
        join people s on s.id = a.subject_id and s.active
        join cycles c on c.id = a.cycle_id
        where a.id = ${assignmentId} and a.rater_id = ${raterId}`,
  );
  return row;
}

/** The ids a request's form asks about, in one query: every autosave and
 *  submit checks against them, and needs none of the wording. */
async function loadFormShape(
  db: Db,
  { modelId, relationship }: { modelId: string; relationship: Relationship },
): Promise<FormShape> {
  const rows = await queryRows<{ kind: "statement" | "question"; id: string }>(
    db,
    sql`select 'statement' as kind, s.id, c.position, s.position as item
          from statements s join competencies c on c.id = s.competency_id where c.model_id = ${modelId}
        union all
        select 'question', q.id, 1000, q.position from questions q
          where q.model_id = ${modelId} and q.kind = ${questionKindFor(relationship)}
        order by 3, 4`,
  );
  return {
    statementIds: rows.filter((r) => r.kind === "statement").map((r) => r.id),
    questionIds: rows.filter((r) => r.kind === "question").map((r) => r.id),
  };
}

export async function checkAnswersFit(
  db: Db,
  { request, answers, requireComplete }: { request: RequestContext; answers: Answers; requireComplete: boolean },
) {
  const shape = await loadFormShape(db, { modelId: request.model_id, relationship: request.relationship });
  const problems = findAnswerProblems(answers, shape);
  if (problems.unknownStatementIds.length || problems.unknownQuestionIds.length) {
    throw new Refusal(
      "invalid",
      "Some answers refer to statements or questions this form does not ask. Reload the page and try again.",
    );
  }
  if (requireComplete && problems.unansweredStatementIds.length) {
    const n = problems.unansweredStatementIds.length;
    throw new Refusal(
      "invalid",
      `${n} statement${n === 1 ? " is" : "s are"} not answered yet. Choose a rating or "Not observed" for each.`,
    );
  }
}

export function refuseUnlessOpen(request: RequestContext): void {
  if (request.status === "declined")
    throw new Refusal("conflict", "You declined this request, so it takes no answers.");
  if (request.cycle_status !== "collecting") {
    throw new Refusal(
      "precondition_failed",
      closedMessage(
        { name: request.cycle_name, closesOn: request.closes_on, closedOn: request.closed_on },
        !!request.draft,
      ),
    );
  }
}

/** Open questions ask about "this person"; the self-review asks the reflection questions instead. */
export function questionKindFor(relationship: Relationship): QuestionKind {
  return relationship === "self" ? "reflection" : "open";
}

export function toDate(value: Date | string | null): Date | null {
  return value === null ? null : new Date(value);
}
